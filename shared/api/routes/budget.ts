// A project's budget: its lines by partner and category, the budget and spending report, and the
// money summary (budget, spending, co-financing, payments) read from the summary collection.
import { createRoute } from '@hono/zod-openapi';
import { Id } from '../../domain/common';
import { BudgetLine, BudgetLineCreate, BudgetLinePatch, BudgetReport, newBudgetLine, patchBudgetLine } from '../../domain/budget';
import { ValidationError } from '../../domain/errors';
import { MoneyReport, moneyReport } from '../../domain/money';
import type { Project } from '../../domain/project';
import { budgetLineFor, budgetReportFor, moneyReportFor } from '../../domain/visibility';
import { budgetRepository } from '../../store/budget';
import { moneyIn } from '../../store/money';
import { actorOf } from '../access';
import type { AppDeps } from '../env';
import { idempotent } from '../idempotency';
import { IdempotencyHeaders, ProjectParams, body, json, newRouter, readErrors, writeErrors } from '../openapi';
import { checkedLine, guarded } from '../guard';

export const BudgetLineParams = ProjectParams.extend({ budgetLineId: Id });

/** A line's partner must be a partner of the project: 400 naming `memberId`. */
function checkPartner(project: Project, memberId: string): void {
  if (!project.partners.some((partner) => partner.memberId === memberId)) {
    throw new ValidationError([{ path: 'memberId', message: `member ${memberId} is not a partner of this project` }]);
  }
}

export function budgetRoutes(deps: AppDeps) {
  const { projects } = deps.store;
  const lines = budgetRepository(deps.store.db);
  const tags = ['Budget'];
  const base = '/consortia/{consortiumId}/projects/{projectId}';
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/budget`, tags,
      summary: 'The budget and the spending against it: per line, partner, category and phase, lines over budget, and how far the lines are from the grant and co-financing',
      description: 'Two reads: the project, and one Query of its budget lines (at most 300).',
      ...guarded(deps, 'budget.get'),
      request: { params: ProjectParams },
      responses: { 200: json(BudgetReport, 'The budget report'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const [{ entity: project }, all] = await Promise.all([projects.get(consortiumId, projectId), lines.all(consortiumId, projectId)]);
      return c.json(budgetReportFor(c.get('access'), project, all), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${base}/budget/lines`, tags, summary: 'Add a budget line for a partner and a cost category (at most 300 per project)',
      ...guarded(deps, 'budget.createLine', idempotent(deps)),
      request: { params: ProjectParams, headers: IdempotencyHeaders, body: body(BudgetLineCreate) },
      responses: { 201: json(BudgetLine, 'The new line'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const input = c.req.valid('json');
      const { entity: project } = await projects.get(consortiumId, projectId);
      checkPartner(project, input.memberId);
      const actor = actorOf(c.get('access'), deps);
      const line = newBudgetLine(input, { id: deps.newId(), consortiumId, projectId }, actor.at);
      return c.json(await lines.create(line, actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/budget/lines/{budgetLineId}`, tags, summary: 'Read a budget line with its spending',
      ...guarded(deps, 'budget.getLine'),
      request: { params: BudgetLineParams },
      responses: { 200: json(BudgetLine, 'The line'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, budgetLineId } = c.req.valid('param');
      return c.json(budgetLineFor(c.get('access'), await checkedLine(c, () => lines.get(consortiumId, projectId, budgetLineId))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: `${base}/budget/lines/{budgetLineId}`, tags,
      summary: "Change a line's amounts, category, phase or description (its partner is fixed)",
      ...guarded(deps, 'budget.updateLine'),
      request: { params: BudgetLineParams, body: body(BudgetLinePatch) },
      responses: { 200: json(BudgetLine, 'The line as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, budgetLineId } = c.req.valid('param');
      const patch = c.req.valid('json');
      const actor = actorOf(c.get('access'), deps);
      const before = await lines.get(consortiumId, projectId, budgetLineId);
      return c.json(await lines.update(before, patchBudgetLine(before, patch, actor.at), patch.version, actor), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/money`, tags,
      summary: "The project's money: budget and its difference from the grant, approved spend, co-financing provided, payments; per partner",
      description: "One Query of the project's summary collection: every total is kept there, moved by each money write.",
      ...guarded(deps, 'money.summary'),
      request: { params: ProjectParams },
      responses: { 200: json(MoneyReport, 'The money summary'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const { project, others } = await projects.collection(consortiumId, projectId);
      const money = moneyIn(others);
      return c.json(moneyReportFor(c.get('access'), moneyReport(project.entity, money.project, money.partners)), 200);
    },
  );

  return app;
}
