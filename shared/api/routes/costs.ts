// Costs a member reports against its own budget lines: draft, submit, review by a coordinator, and
// reversal (the only way an approved cost changes).
import { createRoute } from '@hono/zod-openapi';
import { CostView, costView } from '../../domain/cost-view';
import type { Context } from 'hono';
import { z } from 'zod';
import { Id } from '../../domain/common';
import {
  Cost,
  CostCreate,
  CostPatch,
  CostReverse,
  CostReview,
  CostStatus,
  CostSubmit,
  costDateIssues,
  newCost,
  patchCost,
  reverseCost,
  reviewCost,
  submitCost,
} from '../../domain/cost';
import { UploadRequest } from '../../domain/deliverable';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { seesCost, seesMemberMoney } from '../../domain/visibility';
import { budgetLineNotFound, budgetRepository } from '../../store/budget';
import { costRepository } from '../../store/costs';
import { actorOf, todayIn } from '../access';
import type { AppDeps, AppEnv } from '../env';
import { dashboardOrigin } from '../links';
import { idempotent } from '../idempotency';
import { IdempotencyHeaders, PageQuery, ProjectParams, body, json, newRouter, pageOf, problemOf, readErrors, writeErrors } from '../openapi';
import { notifyCostSubmitted } from '../../jobs/notify';
import { documentFolder, documentKey, type DocumentOwner } from '../../files/layout';
import { FileLink, UploadAnswer, assertUploaded, fileLink, namesFile, uploadForm, type KeyOf } from '../uploads';
import { checkedCost, checkedLine, guarded } from '../guard';
import { BudgetLineParams } from './budget';

const CostParams = ProjectParams.extend({ costId: Id });

const CostReversal = z.object({ original: Cost, reversal: Cost }).meta({ id: 'CostReversal' });

export function costRoutes(deps: AppDeps) {
  const { projects } = deps.store;
  const lines = budgetRepository(deps.store.db);
  const costs = costRepository(deps.store.db);
  const tags = ['Costs'];
  const base = '/consortia/{consortiumId}/projects/{projectId}';
  const item = `${base}/costs/{costId}`;
  const app = newRouter();

  /** Where the documents of a member's costs live (a cost moves only between lines of its member). */
  const documentsOf = (owner: DocumentOwner): KeyOf => (file) => documentKey(owner, file);

  /** A cost is dated within the project and not after today: 400 naming `date`. */
  const checkDate = async (consortiumId: string, projectId: string, date: string | undefined, today: string) => {
    if (date === undefined) return;
    const { entity: project } = await projects.get(consortiumId, projectId);
    const issues = costDateIssues(date, project, today);
    if (issues.length > 0) throw new ValidationError(issues);
  };

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/costs`, tags,
      summary: "List the project's costs; by budget line or by status (e.g. those awaiting review), each by date (a member person: its own member's; a funder person: approved ones)",
      ...guarded(deps, 'costs.list'),
      request: { params: ProjectParams, query: PageQuery.extend({ budgetLineId: Id.optional(), status: CostStatus.optional() }) },
      responses: { 200: json(pageOf(CostView, 'CostPage'), 'A page of costs'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const query = c.req.valid('query');
      const access = c.get('access');
      // Another member's line is not the caller's to know of: 404, as a missing one.
      if (query.budgetLineId && access.role === 'member') {
        const line = await lines.get(consortiumId, projectId, query.budgetLineId);
        if (!seesMemberMoney(access, line.memberId)) throw budgetLineNotFound(line.id);
      }
      // A member's page keeps its own costs, a funder's the approved ones (fewer than `limit`, then).
      const page = await costs.list(consortiumId, projectId, query);
      return c.json({ ...page, items: page.items.filter((cost) => seesCost(access, cost)).map((cost) => costView(cost, access)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${base}/budget/lines/{budgetLineId}/document-uploads`, tags,
      summary: 'A form to upload a cost document (invoice, receipt, contract) for this line, valid ten minutes; then name it in `documents`',
      ...guarded(deps, 'costs.documentUpload'),
      request: { params: BudgetLineParams, body: body(UploadRequest) },
      responses: { 201: json(UploadAnswer, 'Post the file with this form'), 413: problemOf('The file is too large'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, budgetLineId } = c.req.valid('param');
      const { memberId } = await checkedLine(c, () => lines.get(consortiumId, projectId, budgetLineId));
      return c.json(await uploadForm(deps.files, documentsOf({ consortiumId, projectId, memberId }), deps.newId(), c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${base}/budget/lines/{budgetLineId}/costs`, tags,
      summary: "Report a cost against a budget line (a member person: its own member's lines only); it starts as a draft",
      ...guarded(deps, 'costs.create', idempotent(deps)),
      request: { params: BudgetLineParams, headers: IdempotencyHeaders, body: body(CostCreate) },
      responses: { 201: json(Cost, 'The new draft cost'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, budgetLineId } = c.req.valid('param');
      const input = c.req.valid('json');
      await checkDate(consortiumId, projectId, input.date, todayIn(c.get('consortium'), deps));
      const line = await checkedLine(c, () => lines.get(consortiumId, projectId, budgetLineId));
      await assertUploaded(deps.files, documentsOf({ consortiumId, projectId, memberId: line.memberId }), input.documents, 'documents');
      const actor = actorOf(c.get('access'), deps);
      return c.json(await costs.create(newCost(input, line, deps.newId(), actor), actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: item, tags, summary: 'Read a cost',
      ...guarded(deps, 'costs.get'),
      request: { params: CostParams },
      responses: { 200: json(CostView, 'The cost'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, costId } = c.req.valid('param');
      return c.json(costView(await checkedCost(c, () => costs.get(consortiumId, projectId, costId)), c.get('access')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${item}/documents/{fileId}`, tags,
      summary: "A short-lived download link of a document the cost names (a member: its own member's costs; a funder: approved costs)",
      ...guarded(deps, 'costs.documentLink'),
      request: { params: CostParams.extend({ fileId: Id }) },
      responses: { 200: json(FileLink, 'The link, valid five minutes'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, costId, fileId } = c.req.valid('param');
      // A member's own cost, or an approved one for a funder: the policy's rule read it.
      const cost = await checkedCost(c, () => costs.get(consortiumId, projectId, costId));
      const link = namesFile(cost.documents, fileId)
        ? await fileLink(deps.files, documentFolder({ consortiumId, projectId, memberId: cost.memberId }, fileId))
        : undefined;
      if (!link) throw new NotFoundError(`No document ${fileId} of cost ${costId}`);
      return c.json(link, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: item, tags,
      summary: 'Correct a draft or rejected cost (another line of the same member included); an approved cost is reversed, never edited (409)',
      ...guarded(deps, 'costs.update'),
      request: { params: CostParams, body: body(CostPatch) },
      responses: { 200: json(Cost, 'The cost as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, costId } = c.req.valid('param');
      const patch = c.req.valid('json');
      await checkDate(consortiumId, projectId, patch.date, todayIn(c.get('consortium'), deps));
      const before = await checkedCost(c, () => costs.get(consortiumId, projectId, costId));
      await assertUploaded(deps.files, documentsOf({ consortiumId, projectId, memberId: before.memberId }), patch.documents ?? [], 'documents');
      const actor = actorOf(c.get('access'), deps);
      return c.json(await costs.write(before, patchCost(before, patch, actor.at), patch.version, 'update', actor), 200);
    },
  );

  const act = async (c: Context<AppEnv>, params: { consortiumId: string; projectId: string; costId: string }, version: number, name: string, apply: (cost: Cost) => Cost) => {
    const actor = actorOf(c.get('access'), deps);
    const before = await checkedCost(c, () => costs.get(params.consortiumId, params.projectId, params.costId));
    return costs.write(before, apply(before), version, name, actor);
  };

  app.openapi(
    createRoute({
      method: 'post', path: `${item}/submit`, tags, summary: 'Submit a draft or corrected rejected cost for review',
      ...guarded(deps, 'costs.submit'),
      request: { params: CostParams, body: body(CostSubmit) },
      responses: { 200: json(Cost, 'The submitted cost'), ...writeErrors },
    }),
    async (c) => {
      const access = c.get('access');
      const { version } = c.req.valid('json');
      const submitted = await act(c, c.req.valid('param'), version, 'submit', (cost) => submitCost(cost, actorOf(access, deps)));
      // After the write: a failed notification is logged, never the answer.
      await notifyCostSubmitted(deps, submitted, dashboardOrigin(deps, c.req.url));
      return c.json(submitted, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${item}/review`, tags,
      summary: 'Approve a submitted cost, or reject it with a reason; nobody reviews a cost they reported or submitted',
      ...guarded(deps, 'costs.review'),
      request: { params: CostParams, body: body(CostReview) },
      responses: { 200: json(Cost, 'The reviewed cost'), ...writeErrors },
    }),
    async (c) => {
      const access = c.get('access');
      const input = c.req.valid('json');
      return c.json(await act(c, c.req.valid('param'), input.version, 'review', (cost) => reviewCost(cost, input, actorOf(access, deps))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${item}/reverse`, tags,
      summary: 'Reverse an approved cost: a new approved item that counts negative; the original is marked, not edited',
      ...guarded(deps, 'costs.reverse'),
      request: { params: CostParams, body: body(CostReverse) },
      responses: { 200: json(CostReversal, 'The original cost, marked, and its reversal'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, costId } = c.req.valid('param');
      const input = c.req.valid('json');
      const actor = actorOf(c.get('access'), deps);
      const before = await costs.get(consortiumId, projectId, costId);
      const { original, reversal } = reverseCost(before, input, { id: deps.newId(), today: todayIn(c.get('consortium'), deps) }, actor);
      return c.json(await costs.reverse(before, original, reversal, input.version, actor), 200);
    },
  );

  return app;
}
