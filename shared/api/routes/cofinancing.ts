// Co-financing actually provided: contributions in money or in kind, recorded by a coordinator and
// reversed (never edited) when wrong. What was promised is in the budget lines and on the project.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id } from '../../domain/common';
import { Contribution, ContributionCreate, ContributionReverse, newContribution, reverseContribution } from '../../domain/cofinancing';
import { ValidationError } from '../../domain/errors';
import { seesContribution } from '../../domain/visibility';
import { cofinancingRepository } from '../../store/cofinancing';
import { actorOf, todayIn } from '../access';
import type { AppDeps } from '../env';
import { idempotent } from '../idempotency';
import { IdempotencyHeaders, PageQuery, ProjectParams, body, json, newRouter, pageOf, readErrors, writeErrors } from '../openapi';
import { guarded } from '../guard';

const ContributionParams = ProjectParams.extend({ contributionId: Id });
const ContributionReversal = z.object({ original: Contribution, reversal: Contribution }).meta({ id: 'ContributionReversal' });

export function cofinancingRoutes(deps: AppDeps) {
  const { projects } = deps.store;
  const contributions = cofinancingRepository(deps.store.db);
  const tags = ['Co-financing'];
  const base = '/consortia/{consortiumId}/projects/{projectId}/cofinancing';
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: 'List the co-financing contributions provided (reversals included)',
      ...guarded(deps, 'cofinancing.list'),
      request: { params: ProjectParams, query: PageQuery },
      responses: { 200: json(pageOf(Contribution, 'ContributionPage'), 'A page of contributions'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const page = await contributions.list(consortiumId, projectId, c.req.valid('query'));
      // A member's page keeps its own contributions (it may then hold fewer than `limit`).
      return c.json({ ...page, items: page.items.filter((item) => seesContribution(c.get('access'), item)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: base, tags, summary: 'Record a contribution a partner provided, in money or in kind, at its value',
      ...guarded(deps, 'cofinancing.create', idempotent(deps)),
      request: { params: ProjectParams, headers: IdempotencyHeaders, body: body(ContributionCreate) },
      responses: { 201: json(Contribution, 'The contribution'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const input = c.req.valid('json');
      const { entity: project } = await projects.get(consortiumId, projectId);
      if (!project.partners.some((partner) => partner.memberId === input.memberId)) {
        throw new ValidationError([{ path: 'memberId', message: `member ${input.memberId} is not a partner of this project` }]);
      }
      const today = todayIn(c.get('consortium'), deps);
      if (input.date > today) throw new ValidationError([{ path: 'date', message: 'must not be in the future' }]);
      const actor = actorOf(c.get('access'), deps);
      const contribution = newContribution(input, { id: deps.newId(), consortiumId, projectId }, actor);
      return c.json(await contributions.create(contribution, actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${base}/{contributionId}/reverse`, tags,
      summary: 'Reverse a contribution recorded wrongly: a new item that counts negative; the original is marked, not edited',
      ...guarded(deps, 'cofinancing.reverse'),
      request: { params: ContributionParams, body: body(ContributionReverse) },
      responses: { 200: json(ContributionReversal, 'The original, marked, and its reversal'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, contributionId } = c.req.valid('param');
      const input = c.req.valid('json');
      const actor = actorOf(c.get('access'), deps);
      const before = await contributions.get(consortiumId, projectId, contributionId);
      const { original, reversal } = reverseContribution(before, input, { id: deps.newId(), today: todayIn(c.get('consortium'), deps) }, actor);
      return c.json(await contributions.reverse(before, original, reversal, input.version, actor), 200);
    },
  );

  return app;
}
