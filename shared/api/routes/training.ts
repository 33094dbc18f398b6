// Training paths of a consortium: paths, sessions, and the attendance each member records for itself.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id, Version, firstVersion } from '../../domain/common';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../../domain/errors';
import {
  Attendance,
  AttendanceInput,
  SessionCreate,
  SessionPatch,
  SessionWithTotals,
  TrainingMembersReport,
  TrainingPath,
  TrainingPathCreate,
  TrainingPathDetail,
  TrainingPathPatch,
  TrainingPathWithTotals,
  Session,
  attendanceIssues,
  attendanceSeenBy,
  participation,
  patchSession,
} from '../../domain/training';
import { trainingRepository } from '../../store/training';
import { actorOf, todayIn } from '../access';
import type { AppDeps } from '../env';
import { idempotent } from '../idempotency';
import { ConsortiumParams, IdempotencyHeaders, PageQuery, ProjectParams, body, json, newRouter, pageOf, readErrors, writeErrors } from '../openapi';
import { guarded } from '../guard';

const TrainingParams = ConsortiumParams.extend({ trainingId: Id });
const SessionParams = TrainingParams.extend({ sessionId: Id });
const AttendanceParams = SessionParams.extend({ memberId: Id });

export function trainingRoutes(deps: AppDeps) {
  const training = trainingRepository(deps.store.db);
  const tags = ['Training'];
  const base = '/consortia/{consortiumId}/training';
  const path = `${base}/{trainingId}`;
  const session = `${path}/sessions/{sessionId}`;
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: "List the consortium's training paths with their totals",
      ...guarded(deps, 'training.list'),
      request: { params: ConsortiumParams, query: PageQuery },
      responses: { 200: json(pageOf(TrainingPathWithTotals, 'TrainingPathPage'), 'A page of training paths'), ...readErrors },
    }),
    async (c) => c.json(await training.list(c.req.valid('param').consortiumId, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/consortia/{consortiumId}/projects/{projectId}/training', tags,
      summary: 'List the training paths linked to a project, with their totals (one Query of GSI2)',
      ...guarded(deps, 'training.ofProject'),
      request: { params: ProjectParams, query: PageQuery },
      responses: { 200: json(pageOf(TrainingPathWithTotals, 'ProjectTrainingPathPage'), 'A page of training paths'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      return c.json(await training.list(consortiumId, { ...c.req.valid('query'), projectId }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: base, tags, summary: 'Add a training path, optionally linked to a project and one of its phases',
      ...guarded(deps, 'training.create', idempotent(deps)),
      request: { params: ConsortiumParams, headers: IdempotencyHeaders, body: body(TrainingPathCreate) },
      responses: { 201: json(TrainingPath, 'The new training path'), ...writeErrors },
    }),
    async (c) => {
      const actor = actorOf(c.get('access'), deps);
      const created: TrainingPath = { id: deps.newId(), consortiumId: c.get('consortium').id, ...c.req.valid('json'), ...firstVersion(actor.at) };
      return c.json(await training.createPath(created, actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/consortia/{consortiumId}/training-members', tags,
      summary: 'What each active member attended across all training paths, and which members have not taken part yet',
      ...guarded(deps, 'training.members'),
      request: { params: ConsortiumParams },
      responses: { 200: json(TrainingMembersReport, 'Totals per member'), ...readErrors },
    }),
    async (c) => {
      const { activeMemberIds, tallies } = await training.participation(c.req.valid('param').consortiumId);
      return c.json(participation(activeMemberIds, tallies), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path, tags, summary: 'Read a training path with its totals, per member, and the members not taking part yet',
      ...guarded(deps, 'training.get'),
      request: { params: TrainingParams },
      responses: { 200: json(TrainingPathDetail, 'The training path'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, trainingId } = c.req.valid('param');
      const [found, { activeMemberIds, tallies }] = await Promise.all([
        training.get(consortiumId, trainingId),
        training.participation(consortiumId, trainingId),
      ]);
      return c.json({ ...found, ...participation(activeMemberIds, tallies) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path, tags, summary: 'Change a training path (topic, title, description, phase; its project is fixed)',
      ...guarded(deps, 'training.update'),
      request: { params: TrainingParams, body: body(TrainingPathPatch) },
      responses: { 200: json(TrainingPath, 'The training path as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, trainingId } = c.req.valid('param');
      const { version, ...changes } = c.req.valid('json');
      const { totals: _t, ...current } = await training.get(consortiumId, trainingId);
      return c.json(await training.updatePath(current, version, changes, actorOf(c.get('access'), deps)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${path}/sessions`, tags, summary: "The path's sessions with their attendance totals",
      ...guarded(deps, 'training.sessions'),
      request: { params: TrainingParams, query: PageQuery },
      responses: { 200: json(pageOf(SessionWithTotals, 'TrainingSessionPage'), 'A page of sessions'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, trainingId } = c.req.valid('param');
      await training.get(consortiumId, trainingId);
      return c.json(await training.listSessions(consortiumId, trainingId, c.req.valid('query')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${path}/sessions`, tags, summary: 'Plan a session (date, hours, trainer, place or online)',
      ...guarded(deps, 'training.sessionCreate', idempotent(deps)),
      request: { params: TrainingParams, headers: IdempotencyHeaders, body: body(SessionCreate) },
      responses: { 201: json(Session, 'The new session'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, trainingId } = c.req.valid('param');
      const { totals: _t, ...found } = await training.get(consortiumId, trainingId);
      const actor = actorOf(c.get('access'), deps);
      const created: Session = { id: deps.newId(), consortiumId, trainingId, ...c.req.valid('json'), status: 'planned', ...firstVersion(actor.at) };
      return c.json(await training.createSession(found, created, actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: session, tags,
      summary: 'Change a session; status follows planned → held (on or after its date) or cancelled, cancelled → planned',
      ...guarded(deps, 'training.sessionUpdate'),
      request: { params: SessionParams, body: body(SessionPatch) },
      responses: { 200: json(Session, 'The session as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, trainingId, sessionId } = c.req.valid('param');
      const patch = c.req.valid('json');
      const [{ totals: _p, ...found }, { totals: _s, ...current }] = await Promise.all([
        training.get(consortiumId, trainingId),
        training.getSession(consortiumId, trainingId, sessionId),
      ]);
      const changes = patchSession(current, patch, todayIn(c.get('consortium'), deps));
      return c.json(await training.updateSession(found, current, patch.version, changes, actorOf(c.get('access'), deps)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${session}/attendance`, tags, summary: "The session's attendance, one record per member (a member person reads the attendees' names of its own record only)",
      ...guarded(deps, 'training.attendanceList'),
      request: { params: SessionParams, query: PageQuery },
      responses: { 200: json(pageOf(Attendance, 'AttendancePage'), 'A page of attendance records'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, trainingId, sessionId } = c.req.valid('param');
      await training.getSession(consortiumId, trainingId, sessionId);
      const page = await training.listAttendance(consortiumId, trainingId, sessionId, c.req.valid('query'));
      return c.json({ ...page, items: page.items.map((record) => attendanceSeenBy(record, c.get('access'))) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: `${session}/attendance/{memberId}`, tags,
      summary: "Record a member's attendance of a held session (a member person: its own); with `version`, change it",
      ...guarded(deps, 'training.attend'),
      request: { params: AttendanceParams, body: body(AttendanceInput) },
      responses: { 200: json(Attendance, 'The attendance as recorded'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, trainingId, sessionId, memberId } = c.req.valid('param');
      const input = c.req.valid('json');
      const [{ totals: _p, ...found }, { totals: _s, ...held }, before] = await Promise.all([
        training.get(consortiumId, trainingId),
        training.getSession(consortiumId, trainingId, sessionId),
        training.getAttendance(consortiumId, trainingId, sessionId, memberId),
      ]);
      const issues = attendanceIssues(held, input);
      if (issues.length > 0) throw new ValidationError(issues);
      if (before && input.version === undefined) {
        throw new ConflictError('Attendance is recorded already: send its version to change it');
      }
      if (input.version !== undefined && before?.version !== input.version) {
        throw new StaleVersionError('attendance', input.version, before?.version ?? 0);
      }
      const actor = actorOf(c.get('access'), deps);
      const after: Attendance = {
        consortiumId, trainingId, sessionId, memberId, people: input.people, hours: input.hours,
        ...(input.attendees?.length ? { attendees: input.attendees } : {}), recordedBy: actor.personId,
        version: before ? before.version + 1 : 1, createdAt: before?.createdAt ?? actor.at, updatedAt: actor.at,
      };
      await training.writeAttendance(found, before, after, actor);
      return c.json(after, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: `${session}/attendance/{memberId}`, tags, summary: "Remove a member's attendance record (a member person: its own)",
      ...guarded(deps, 'training.unattend'),
      request: { params: AttendanceParams, query: z.object({ version: z.coerce.number().pipe(Version) }) },
      responses: { 204: { description: 'Removed' }, ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, trainingId, sessionId, memberId } = c.req.valid('param');
      const { totals: _p, ...found } = await training.get(consortiumId, trainingId);
      const before = await training.getAttendance(consortiumId, trainingId, sessionId, memberId);
      if (!before) throw new NotFoundError(`No attendance of member ${memberId} at session ${sessionId}`);
      const { version } = c.req.valid('query');
      if (before.version !== version) throw new StaleVersionError('attendance', version, before.version);
      await training.writeAttendance(found, before, undefined, actorOf(c.get('access'), deps));
      return c.body(null, 204);
    },
  );

  return app;
}
