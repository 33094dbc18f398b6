// Enforces the policy's row of an operation (policy.ts) for the caller: the guard each route
// declares with `guarded(deps, operationId)`, loaded with the routes rather than at cold start.
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { BudgetLine } from '../domain/budget';
import { Id } from '../domain/common';
import type { Cost } from '../domain/cost';
import { ForbiddenError, NotFoundError } from '../domain/errors';
import type { Access } from '../domain/person';
import { seesCost, seesMemberMoney } from '../domain/visibility';
import { budgetLineNotFound, budgetRepository } from '../store/budget';
import { costNotFound, costRepository } from '../store/costs';
import type { AppDeps, AppEnv } from './env';
import { PERSONAL_OPERATIONS, POLICY, PUBLIC_OPERATIONS, type OperationId, type Row } from './policy';
import { checkProject } from './scope';

const forbidden = (access: Access, what: string) =>
  new ForbiddenError(`A ${access.role} person may not ${what}`);

/** Enforces the policy row of `operationId` for the caller (runs before the body is validated). */
export function authorize(deps: AppDeps, operationId: OperationId) {
  const row: Row = POLICY[operationId];
  if (PUBLIC_OPERATIONS[operationId] || PERSONAL_OPERATIONS[operationId]) return createMiddleware<AppEnv>(async (_c, next) => next());
  const lines = budgetRepository(deps.store.db);
  const costs = costRepository(deps.store.db);
  return createMiddleware<AppEnv>(async (c, next) => {
    const access = c.get('access');
    const rule = row[access.role];
    // The guard runs before the route validates its parameters: a malformed id names nothing.
    const param = (name: string) => {
      const value = c.req.param(name) ?? '';
      if (!Id.safeParse(value).success) throw new NotFoundError(`No such ${name.replace(/Id$/, '')}`);
      return value;
    };
    // What the caller may not see answers 404 before anything tells it what it may not do.
    if (c.req.param('projectId') !== undefined) await checkProject(deps, c, operationId, param('projectId'));
    switch (rule) {
      case 'allow':
        break;
      case 'deny':
        throw forbidden(access, `call ${operationId}`);
      case 'hidden':
        throw new NotFoundError('Not found');
      case 'own-member':
        if (param('memberId') !== access.memberId) throw forbidden(access, 'act for another member');
        break;
      case 'own-deliverable': {
        const deliverable = await deps.store.deliverables.get(access.consortiumId, param('projectId'), param('deliverableId'));
        if (deliverable.ownerMemberId !== access.memberId) throw forbidden(access, "work on another member's deliverable");
        break;
      }
      case 'own-budget-line': {
        const line = await lines.get(access.consortiumId, param('projectId'), param('budgetLineId'));
        if (!seesMemberMoney(access, line.memberId)) throw budgetLineNotFound(line.id);
        c.set('checkedLine', line);
        break;
      }
      case 'own-cost':
      case 'approved-cost': {
        const cost = await costs.get(access.consortiumId, param('projectId'), param('costId'));
        if (!seesCost(access, cost)) throw costNotFound(cost.id);
        c.set('checkedCost', cost);
        break;
      }
    }
    await next();
  });
}

/** The cost the policy's rule read for this request, or `read` it (a coordinator's rule reads nothing). */
export const checkedCost = (c: Context<AppEnv>, read: () => Promise<Cost>): Promise<Cost> => Promise.resolve(c.get('checkedCost') ?? read());

/** The budget line the policy's rule read for this request, or `read` it. */
export const checkedLine = (c: Context<AppEnv>, read: () => Promise<BudgetLine>): Promise<BudgetLine> => Promise.resolve(c.get('checkedLine') ?? read());

/**
 * The parts of a route declaration that come from the policy: its operation id and its guard,
 * which runs before any other middleware of the route (`extra`, such as idempotency).
 */
export function guarded(deps: AppDeps, operationId: OperationId, ...extra: MiddlewareHandler<AppEnv>[]) {
  return { operationId, middleware: [authorize(deps, operationId), ...extra] };
}
