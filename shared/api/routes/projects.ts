// Projects of a consortium and their overview: progress, counts, and what is overdue or due soon.
import { createRoute } from '@hono/zod-openapi';
import { firstVersion } from '../../domain/common';
import { z } from 'zod';
import { CalendarDate } from '../../domain/common';
import type { Deliverable } from '../../domain/deliverable';
import { DeliverableView, deliverableView } from '../../domain/deliverable-view';
import type { Access } from '../../domain/person';
import { ValidationError } from '../../domain/errors';
import { PhaseView, phaseView } from '../../domain/phase-view';
import { Progress, progressOf } from '../../domain/progress';
import { Project, ProjectCreate, ProjectPatch, ProjectWithProgress, projectIssues } from '../../domain/project';
import { ProjectCopyRequest } from '../../domain/project-copy';
import { dueSoonUntil } from '../../domain/schedule';
import { IndicatorSummary } from '../../domain/indicator';
import { MoneySummary } from '../../domain/money';
import { OfferSummary } from '../../domain/offer';
import { ProjectTrainingSummary } from '../../domain/training';
import { moneySummaryFor, reachOf, seesProject } from '../../domain/visibility';
import { indicatorRepository } from '../../store/indicators';
import { projectCopier } from '../../store/project-copy';
import type { Counted } from '../../store/projects';
import { projectSummaries } from '../../store/summaries';
import { actorOf, todayIn } from '../access';
import type { AppDeps } from '../env';
import { idempotent } from '../idempotency';
import {
  ConsortiumParams,
  IdempotencyHeaders,
  PageQuery,
  ProjectParams,
  body,
  json,
  newRouter,
  pageOf,
  readErrors,
  writeErrors,
} from '../openapi';
import { guarded } from '../guard';

/** How many overdue and due-soon deliverables the overview lists (it says when there are more). */
export const OVERVIEW_LIST_LIMIT = 20;

const withProgress = <T>({ entity, counters }: Counted<T>) => ({ ...entity, progress: progressOf(counters) });

const bounded = (items: Deliverable[], today: string, access: Access) => ({
  items: items.slice(0, OVERVIEW_LIST_LIMIT).map((d) => deliverableView(d, today, access)),
  more: items.length > OVERVIEW_LIST_LIMIT,
});

const DeadlineList = z.object({
  items: z.array(DeliverableView),
  more: z.boolean().meta({ description: 'True when more deliverables than listed are in this list' }),
});

export const ProjectOverview = z
  .object({
    today: CalendarDate.meta({ description: "Today in the consortium's time zone" }),
    project: ProjectWithProgress,
    phases: z.array(PhaseView),
    progress: Progress,
    overdue: DeadlineList,
    dueSoon: DeadlineList.meta({ description: 'Open deliverables due from today to 14 days ahead' }),
    training: ProjectTrainingSummary,
    offers: OfferSummary,
    indicators: IndicatorSummary,
    money: MoneySummary,
  })
  .meta({ id: 'ProjectOverview' });

export function projectRoutes(deps: AppDeps) {
  const { projects, deliverables } = deps.store;
  const indicators = indicatorRepository(deps.store.db);
  // Built here, not in createStore: the copy and the schemas it reads load with this route group only.
  const copies = projectCopier(deps.store.db);
  const tags = ['Projects'];
  const base = '/consortia/{consortiumId}/projects';
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: "List the consortium's projects with their progress (a funder person: those its funder funds)",
      ...guarded(deps, 'projects.list'),
      request: { params: ConsortiumParams, query: PageQuery },
      responses: { 200: json(pageOf(ProjectWithProgress, 'ProjectPage'), 'A page of projects'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId } = c.req.valid('param');
      const access = c.get('access');
      const page = access.funderId
        ? await projects.listOfFunder(consortiumId, access.funderId, c.req.valid('query'))
        : await projects.list(consortiumId, c.req.valid('query'));
      // A member's page keeps the projects it is a partner in (a page may then hold fewer than `limit`).
      const items = page.items.filter(({ entity }) => seesProject(access, reachOf(entity)));
      return c.json({ items: items.map(withProgress), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: base, tags, summary: 'Create a project',
      ...guarded(deps, 'projects.create', idempotent(deps)),
      request: { params: ConsortiumParams, headers: IdempotencyHeaders, body: body(ProjectCreate) },
      responses: { 201: json(Project, 'The new project'), ...writeErrors },
    }),
    async (c) => {
      const actor = actorOf(c.get('access'), deps);
      const project: Project = {
        id: deps.newId(),
        consortiumId: c.get('consortium').id,
        ...c.req.valid('json'),
        currency: 'EUR',
        ...firstVersion(actor.at),
      };
      return c.json(await projects.create(project, actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/{projectId}`, tags, summary: 'Read a project with its progress',
      ...guarded(deps, 'projects.get'),
      request: { params: ProjectParams },
      responses: { 200: json(ProjectWithProgress, 'The project'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      return c.json(withProgress(await projects.get(consortiumId, projectId)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: `${base}/{projectId}`, tags, summary: 'Change a project',
      ...guarded(deps, 'projects.update'),
      request: { params: ProjectParams, body: body(ProjectPatch) },
      responses: { 200: json(Project, 'The project as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const { version, ...changes } = c.req.valid('json');
      const { entity: current } = await projects.get(consortiumId, projectId);
      const issues = projectIssues({ ...current, ...changes });
      if (issues.length > 0) throw new ValidationError(issues);
      return c.json(await projects.update(current, version, changes, actorOf(c.get('access'), deps)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${base}/{projectId}/copy`, tags,
      summary: "A new project from this one's plan, at new dates shifted as a whole",
      description:
        'Copies the phases, deliverables (planned, at 0 %), budget lines (no spending), indicators (no actuals) ' +
        'and training paths (sessions planned, no attendance), every date moved by the new start date minus ' +
        'the old one. The new project appears only once complete; asked again after a failure with the same ' +
        'id, the copy finishes. 409 when a project with that id exists.',
      ...guarded(deps, 'projects.copy', idempotent(deps)),
      request: { params: ProjectParams, headers: IdempotencyHeaders, body: body(ProjectCopyRequest) },
      responses: { 201: json(Project, 'The new project'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const actor = actorOf(c.get('access'), deps);
      return c.json(await copies.copy(consortiumId, projectId, c.req.valid('json'), actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/{projectId}/overview`, tags,
      summary: 'The project at a glance: phases with derived progress, counts by status, overdue and due soon',
      ...guarded(deps, 'projects.overview'),
      description:
        'Four Queries whatever the size of the project: the project collection (the project and its ' +
        'phases with their counters, offers, indicators, training and money totals), the open-deliverables ' +
        'index twice (before today; today to 14 days ahead), and the consortium\'s members (for the ' +
        'members admitted indicator).',
      request: { params: ProjectParams },
      responses: { 200: json(ProjectOverview, 'The overview'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const today = todayIn(c.get('consortium'), deps);
      // One more than listed, to tell whether there are more.
      const limit = OVERVIEW_LIST_LIMIT + 1;
      const [collection, overdue, dueSoon, members] = await Promise.all([
        projects.collection(consortiumId, projectId),
        deliverables.openByDueDate(consortiumId, projectId, { before: today, limit }),
        deliverables.openByDueDate(consortiumId, projectId, { from: today, through: dueSoonUntil(today), limit }),
        indicators.members(consortiumId),
      ]);

      const summaries = projectSummaries(collection, members, today);
      return c.json(
        {
          today,
          project: withProgress(collection.project),
          phases: collection.phases.map((phase) => phaseView(phase, c.get('access'))),
          progress: progressOf(collection.project.counters),
          overdue: bounded(overdue.items, today, c.get('access')),
          dueSoon: bounded(dueSoon.items, today, c.get('access')),
          ...summaries,
          money: moneySummaryFor(c.get('access'), summaries.money),
        },
        200,
      );
    },
  );

  return app;
}
