// Deliverables of a project: what members owe, their progress log, submission and review.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id, Version } from '../../domain/common';
import { DeliverableView, deliverableView } from '../../domain/deliverable-view';
import {
  Deliverable,
  DeliverableCreate,
  DeliverablePatch,
  LogEntry,
  ProgressInput,
  type DeliverableAction,
  type Evidence,
  MAX_EVIDENCE_BYTES,
  UploadRequest,
  ReviewInput,
  SubmitInput,
  logProgress,
  newDeliverable,
  review,
  submit,
} from '../../domain/deliverable';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError, orMissing } from '../../domain/errors';
import { evidenceFolder, evidenceKey, type EvidenceOwner } from '../../files/layout';
import { FileLink, UPLOAD_FORM_SECONDS, UploadAnswer, assertUploaded, fileLink, namesFile, uploadForm } from '../uploads';
import type { Project } from '../../domain/project';
import { notifyDeliverableChange } from '../../jobs/notify';
import type { Store } from '../../store';
import type { AppDeps } from '../env';
import { dashboardOrigin } from '../links';
import { idempotent } from '../idempotency';
import {
  DeliverableParams,
  IdempotencyHeaders,
  PageQuery,
  ProjectParams,
  body,
  json,
  newRouter,
  pageOf,
  problemOf,
  readErrors,
  writeErrors,
} from '../openapi';
import { guarded } from '../guard';
import type { OperationId } from '../policy';
import { actorOf, todayIn } from '../access';
import type { Consortium } from '../../domain/consortium';
import type { Access } from '../../domain/person';


export const DeliverableDetail = DeliverableView.extend({
  recentLog: z.array(LogEntry).meta({ description: 'The latest log entries, newest first' }),
}).meta({ id: 'DeliverableDetail' });

const DeliverableChange = z
  .object({ deliverable: Deliverable, entry: LogEntry })
  .meta({ id: 'DeliverableChange' });

const RECENT_LOG = 10;

/** Whether an entry of the deliverable's log names the file; reads the log a page at a time, newest first. */
async function logNames(store: Store, owner: EvidenceOwner, fileId: string): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page = await store.deliverables.log(owner.consortiumId, owner.projectId, owner.deliverableId, { limit: 100, cursor });
    if (page.items.some((entry) => namesFile(entry.evidence, fileId))) return true;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return false;
}

/** The owner must be a partner of the project and the phase must exist: 400 naming the field. */
async function checkPlacement(
  store: Store,
  project: Project,
  placement: { ownerMemberId?: string; phaseId?: string },
): Promise<void> {
  const issues = [];
  if (placement.ownerMemberId && !project.partners.some((p) => p.memberId === placement.ownerMemberId)) {
    issues.push({ path: 'ownerMemberId', message: `member ${placement.ownerMemberId} is not a partner of this project` });
  }
  if (placement.phaseId) {
    const phase = await orMissing(store.projects.getPhase(project.consortiumId, project.id, placement.phaseId));
    if (!phase) issues.push({ path: 'phaseId', message: `no phase ${placement.phaseId} in this project` });
    else if (phase.entity.status === 'closed') {
      throw new ConflictError(`Phase ${placement.phaseId} is closed: reopen it before adding or moving deliverables`);
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

export function deliverableRoutes(deps: AppDeps) {
  const { deliverables, projects } = deps.store;
  const tags = ['Deliverables'];
  const base = '/consortia/{consortiumId}/projects/{projectId}/deliverables';
  const item = `${base}/{deliverableId}`;
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: "List the project's deliverables by phase",
      ...guarded(deps, 'deliverables.list'),
      request: { params: ProjectParams, query: PageQuery.extend({ phaseId: Id.optional() }) },
      responses: { 200: json(pageOf(DeliverableView, 'DeliverablePage'), 'A page of deliverables'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const page = await deliverables.list(consortiumId, projectId, c.req.valid('query'));
      const today = todayIn(c.get('consortium'), deps);
      return c.json({ ...page, items: page.items.map((d) => deliverableView(d, today, c.get('access'))) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: base, tags, summary: 'Add a deliverable that a partner member owes in a phase',
      ...guarded(deps, 'deliverables.create', idempotent(deps)),
      request: { params: ProjectParams, headers: IdempotencyHeaders, body: body(DeliverableCreate) },
      responses: { 201: json(Deliverable, 'The new deliverable'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const input = c.req.valid('json');
      const { entity: project } = await projects.get(consortiumId, projectId);
      await checkPlacement(deps.store, project, input);
      const actor = actorOf(c.get('access'), deps);
      const deliverable = newDeliverable(input, { id: deps.newId(), consortiumId, projectId }, actor.at);
      return c.json(await deliverables.create(deliverable, actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: item, tags, summary: 'Read a deliverable with its latest log entries',
      ...guarded(deps, 'deliverables.get'),
      request: { params: DeliverableParams },
      responses: { 200: json(DeliverableDetail, 'The deliverable'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, deliverableId } = c.req.valid('param');
      const [deliverable, log] = await Promise.all([
        deliverables.get(consortiumId, projectId, deliverableId),
        deliverables.log(consortiumId, projectId, deliverableId, { limit: RECENT_LOG }),
      ]);
      return c.json({ ...deliverableView(deliverable, todayIn(c.get('consortium'), deps), c.get('access')), recentLog: log.items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: item, tags,
      summary: 'Change a deliverable (title, dates, weight, owner, phase); its status changes only by log, submit and review',
      ...guarded(deps, 'deliverables.update'),
      request: { params: DeliverableParams, body: body(DeliverablePatch) },
      responses: { 200: json(Deliverable, 'The deliverable as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, deliverableId } = c.req.valid('param');
      const { version, ...changes } = c.req.valid('json');
      const { entity: project } = await projects.get(consortiumId, projectId);
      await checkPlacement(deps.store, project, changes);
      const actor = actorOf(c.get('access'), deps);
      const ids = { consortiumId, projectId, deliverableId };
      const { deliverable } = await deliverables.change(ids, version, 'update', actor, (current) => ({
        after: { ...current, ...changes, updatedAt: actor.at },
        entry: undefined,
      }));
      return c.json(deliverable, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: item, tags,
      summary: 'Remove a deliverable while it is planned (nothing logged, submitted or reviewed yet); 409 once work began',
      ...guarded(deps, 'deliverables.remove'),
      request: { params: DeliverableParams, query: z.object({ version: z.coerce.number().pipe(Version) }) },
      responses: { 204: { description: 'Removed' }, ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, deliverableId } = c.req.valid('param');
      const { version } = c.req.valid('query');
      const current = await deliverables.get(consortiumId, projectId, deliverableId);
      if (current.version !== version) throw new StaleVersionError('deliverable', version, current.version);
      if (current.status !== 'planned') {
        throw new ConflictError(`Deliverable ${deliverableId} is ${current.status}: only a planned deliverable can be removed`);
      }
      await deliverables.remove(current, actorOf(c.get('access'), deps));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${item}/log`, tags, summary: "A deliverable's log (progress, submissions, reviews), newest first",
      ...guarded(deps, 'deliverables.logList'),
      request: { params: DeliverableParams, query: PageQuery },
      responses: { 200: json(pageOf(LogEntry, 'LogEntryPage'), 'A page of log entries'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, deliverableId } = c.req.valid('param');
      await deliverables.get(consortiumId, projectId, deliverableId);
      return c.json(await deliverables.log(consortiumId, projectId, deliverableId, c.req.valid('query')), 200);
    },
  );

  const actionRoute = <T extends z.ZodType>(operationId: OperationId, path: string, summary: string, input: T) =>
    createRoute({
      method: 'post', path: `${item}/${path}`, tags, summary,
      ...guarded(deps, operationId),
      request: { params: DeliverableParams, body: body(input) },
      responses: { 200: json(DeliverableChange, 'The deliverable and its new log entry'), ...writeErrors },
    });

  const caller = (c: { get(key: 'access'): Access; get(key: 'consortium'): Consortium }) => ({
    access: c.get('access'),
    consortium: c.get('consortium'),
  });

  /** Applies one domain action as the caller, and answers the deliverable and its new entry. */
  const act = async <I extends { version?: number | undefined; evidence?: Evidence[] }>(
    params: { consortiumId: string; projectId: string; deliverableId: string },
    caller: { access: Access; consortium: Consortium },
    name: string,
    action: DeliverableAction<I>,
    input: I,
  ) => {
    await assertUploaded(deps.files, (file) => evidenceKey(params, file), input.evidence ?? [], 'evidence');
    const actor = actorOf(caller.access, deps);
    const today = todayIn(caller.consortium, deps);
    return deliverables.change(params, input.version, name, actor, (current) =>
      action(current, input, { entryId: deps.newId(), by: actor.personId, now: actor.at, today }),
    );
  };

  app.openapi(
    createRoute({
      method: 'post', path: `${item}/evidence-uploads`, tags,
      summary: `A form to upload an evidence file of this deliverable (at most ${MAX_EVIDENCE_BYTES / 2 ** 20} MiB; PDF, images, office documents, text), valid ${UPLOAD_FORM_SECONDS / 60} minutes`,
      ...guarded(deps, 'deliverables.evidenceUpload'),
      request: { params: DeliverableParams, body: body(UploadRequest) },
      responses: { 201: json(UploadAnswer, 'Post the file with this form, then name `evidence` in a log entry'), 413: problemOf('The file is too large'), ...writeErrors },
    }),
    async (c) => {
      const owner = c.req.valid('param');
      await deliverables.get(owner.consortiumId, owner.projectId, owner.deliverableId);
      return c.json(await uploadForm(deps.files, (file) => evidenceKey(owner, file), deps.newId(), c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${item}/evidence/{fileId}`, tags,
      summary: "A short-lived download link of an evidence file uploaded for this deliverable and named in its log",
      ...guarded(deps, 'deliverables.evidenceLink'),
      request: { params: DeliverableParams.extend({ fileId: Id }) },
      responses: { 200: json(FileLink, 'The link, valid five minutes'), ...readErrors },
    }),
    async (c) => {
      const { fileId, ...owner } = c.req.valid('param');
      await deliverables.get(owner.consortiumId, owner.projectId, owner.deliverableId);
      // Only this deliverable's own files, and only once its log names them (a whole log read at worst).
      const link = (await logNames(deps.store, owner, fileId)) ? await fileLink(deps.files, evidenceFolder(owner, fileId)) : undefined;
      if (!link) throw new NotFoundError(`No evidence file ${fileId}`);
      return c.json(link, 200);
    },
  );

  app.openapi(
    actionRoute('deliverables.logProgress', 'log', 'Log progress: a note, a percentage and evidence links (starts the work)', ProgressInput),
    async (c) => c.json(await act(c.req.valid('param'), caller(c), 'log_progress', logProgress, c.req.valid('json')), 200),
  );

  /** Tells who must know, after the change is written; a failed notification only gets logged. */
  const notify = async (change: Awaited<ReturnType<typeof act>>, requestUrl: string) => {
    await notifyDeliverableChange(deps, change.deliverable, change.entry, dashboardOrigin(deps, requestUrl));
    return change;
  };

  app.openapi(actionRoute('deliverables.submit', 'submit', 'Submit the deliverable for review (its coordinators are notified)', SubmitInput), async (c) =>
    c.json(await notify(await act(c.req.valid('param'), caller(c), 'submit', submit, c.req.valid('json')), c.req.url), 200),
  );

  app.openapi(
    actionRoute('deliverables.review', 'review', "Review a submitted deliverable: accept it, or request changes with a comment (the owning member's people are notified)", ReviewInput),
    async (c) => c.json(await notify(await act(c.req.valid('param'), caller(c), 'review', review, c.req.valid('json')), c.req.url), 200),
  );

  return app;
}
