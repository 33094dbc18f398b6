// Training paths, sessions and attendance. Every write moves, in its own transaction, the totals
// kept on the session, the path, the member's tallies and the linked project's training summary.
import { ConflictError, NotFoundError, StaleVersionError, ValidationError, type AppError } from '../domain/errors';
import {
  MAX_SESSIONS_PER_PATH,
  MEMBER_COUNTERS,
  TRAINING_COUNTERS,
  attendanceContribution,
  countsIn,
  deltaOf,
  nonZero,
  sessionContribution,
  trainingSummary,
  type Attendance,
  type Counts,
  type MemberTrainingTotals,
  type Session,
  type SessionTotals,
  type TrainingPath,
  type TrainingTotals,
} from '../domain/training';
import type { Member } from '../domain/member';
import { auditRecord, auditStore, type Actor } from './audit';
import { countersMoved } from './projections';
import { TABLE_KEYS, beginsWith, type Db, type Item, type TxOp } from './db';
import { mustExist, putNew, versionedUpdate, type TransactItem } from './expressions';
import { entityOf } from './items';
import { withoutStaged } from './projects';
import {
  COLLECTION_PREFIXES,
  attendanceKey,
  attendanceOf,
  memberKey,
  membersOf,
  pathTalliesOf,
  pathTallyKey,
  phaseKey,
  projectKey,
  projectTraineeKey,
  projectTrainingKey,
  sessionKey,
  sessionsOf,
  traineeKey,
  traineesOf,
  trainingPathIndexKeys,
  trainingPathKey,
  trainingPathsOf,
  trainingPathsOfProject,
  type Key,
} from './keys';
import type { Page } from './pagination';
import { INDEXES } from './table';

const SESSION_COUNTERS = ['attendances', 'participants', 'personHours'] as const;

/**
 * Adds `delta` to counters of an item with atomic ADD (creating the item if `create`), setting
 * `set` alongside; with nothing to add, it only checks the condition.
 */
export function countersOp(
  tableName: string,
  key: Key,
  delta: Counts,
  options: { set?: Record<string, unknown>; condition?: string; values?: Record<string, unknown>; create?: boolean } = {},
): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ...options.values };
  const additions = Object.entries(nonZero(delta)).map(([name, value], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = value;
    return `#c${i} :c${i}`;
  });
  const sets = Object.entries(options.set ?? {}).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const condition = [options.create ? undefined : 'attribute_exists(PK)', options.condition].filter(Boolean).join(' AND ');
  const common = {
    TableName: tableName,
    Key: key,
    ...(condition ? { ConditionExpression: condition } : {}),
    ...(Object.keys(names).length > 0 || /#/.test(condition) ? { ExpressionAttributeNames: { ...names, ...namesIn(condition) } } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
  if (additions.length === 0 && sets.length === 0) {
    return { ConditionCheck: { ...common, ConditionExpression: condition || 'attribute_exists(PK)' } };
  }
  const expression = [sets.length > 0 ? `SET ${sets.join(', ')}` : '', additions.length > 0 ? `ADD ${additions.join(', ')}` : '']
    .filter(Boolean)
    .join(' ');
  return { Update: { ...common, UpdateExpression: expression } };
}

/** Conditions name attributes as `#name`; each maps to itself. */
function namesIn(condition: string): Record<string, string> {
  return Object.fromEntries([...condition.matchAll(/#(\w+)/g)].filter(([, n]) => !/^[cs]\d+$/.test(n!)).map(([placeholder, name]) => [placeholder, name!]));
}

/** A tally's count moved between the read and the write: the caller reads again. */
class TallyMoved extends ConflictError {}

/** Guards a tally's `sessionsAttended` at the value read, so that "first attendance" is decided once. */
const tallyCondition = (read: number) =>
  read === 0
    ? { condition: '(attribute_not_exists(#sessionsAttended) OR #sessionsAttended = :read)', values: { ':read': 0 } }
    : { condition: '#sessionsAttended = :read', values: { ':read': read } };

export const trainingPathItem = (path: TrainingPath, totals: Partial<TrainingTotals> = {}) => ({
  ...trainingPathKey(path.consortiumId, path.id),
  ...trainingPathIndexKeys(path),
  itemType: 'TrainingPath',
  ...path,
  ...totals,
});

export const sessionItem = (session: Session, totals: Partial<SessionTotals> = {}) => ({
  ...sessionKey(session.consortiumId, session.trainingId, session.id),
  itemType: 'TrainingSession',
  ...session,
  ...totals,
});

export const attendanceItem = (attendance: Attendance) => ({
  ...attendanceKey(attendance.consortiumId, attendance.trainingId, attendance.sessionId, attendance.memberId),
  itemType: 'Attendance',
  ...attendance,
});

/** A member tally item (path, consortium or project), for seeding. */
export const tallyItem = (key: Key, itemType: string, tally: MemberTrainingTotals) => ({ ...key, itemType, ...tally });

export const projectTrainingItem = (consortiumId: string, projectId: string, totals: TrainingTotals & { paths: number }) => ({
  ...projectTrainingKey(consortiumId, projectId),
  itemType: 'ProjectTraining',
  ...totals,
});

const withoutCounters = <T>(item: Item, names: readonly string[]): T => {
  const entity = entityOf<Record<string, unknown>>(item);
  for (const name of names) delete entity[name];
  return entity as T;
};

export const pathWithTotals = (item: Item) => ({
  ...withoutCounters<TrainingPath>(item, TRAINING_COUNTERS),
  totals: countsIn(item, TRAINING_COUNTERS) as TrainingTotals,
});
export const sessionWithTotals = (item: Item) => ({
  ...withoutCounters<Session>(item, SESSION_COUNTERS),
  totals: countsIn(item, SESSION_COUNTERS) as SessionTotals,
});
const tallyOf = (item: Item): MemberTrainingTotals => ({
  memberId: String(item.memberId),
  ...countsIn(item, MEMBER_COUNTERS.filter((name) => name !== 'paths')),
  ...(typeof item.paths === 'number' ? { paths: item.paths } : {}),
});

/**
 * The overview's training summary from the project's summary collection (`others` of
 * `projects.collection`): its training counters and the members that attended its paths.
 */
export function trainingSummaryFrom(others: Item[], partnerIds: string[]) {
  const summary = others.find((item) => item.SK === COLLECTION_PREFIXES.training);
  const totals = { ...countsIn(summary ?? {}, TRAINING_COUNTERS), paths: countsIn(summary ?? {}, ['paths']).paths };
  const attended = others
    .filter((item) => String(item.SK).startsWith(COLLECTION_PREFIXES.trainee) && Number(item.sessionsAttended) > 0)
    .map((item) => String(item.memberId));
  return trainingSummary(totals as TrainingTotals & { paths: number }, attended, partnerIds);
}

const pathNotFound = (id: string) => new NotFoundError(`No training path ${id} in this consortium`);
const sessionNotFound = (id: string) => new NotFoundError(`No session ${id} in this training path`);

export function trainingRepository(db: Db) {
  const audit = auditStore(db);
  const chain = (consortiumId: string) => ({ consortiumId });
  const op = (write: TransactItem, onConditionFailed: () => AppError): TxOp => ({ write, onConditionFailed });

  /** Adds the same delta to the path and, if linked, to the project's training summary. */
  const pathCounters = (path: TrainingPath, delta: Counts, condition?: { condition: string; values: Record<string, unknown> }, onFailed?: () => AppError): TxOp[] => {
    const ops = [op(countersOp(db.tableName, trainingPathKey(path.consortiumId, path.id), delta, condition), onFailed ?? (() => pathNotFound(path.id)))];
    if (path.projectId) {
      ops.push(op(countersOp(db.tableName, projectTrainingKey(path.consortiumId, path.projectId), delta, { create: true }), () => new ConflictError('The project training summary moved')));
    }
    return ops;
  };

  const allOf = async <T>(partition: { PK: string; skPrefix: string }, map: (item: Item) => T) =>
    (await db.queryAll({ on: TABLE_KEYS, partitionValue: partition.PK, sortCondition: beginsWith(partition.skPrefix) })).map(map);

  return {
    async get(consortiumId: string, trainingId: string) {
      const item = await db.get(trainingPathKey(consortiumId, trainingId));
      if (!item) throw pathNotFound(trainingId);
      return pathWithTotals(item);
    },

    /** The consortium's paths (or one project's, from GSI2), with their totals: one Query per page. */
    async list(consortiumId: string, query: { limit: number; cursor?: string; projectId?: string }) {
      const on = query.projectId ? INDEXES.byDueDate : INDEXES.byParent;
      const partitionValue = query.projectId
        ? trainingPathsOfProject(consortiumId, query.projectId).GSI2PK
        : trainingPathsOf(consortiumId).GSI1PK;
      const page = await db.queryPage({ on, partitionValue, limit: query.limit, cursor: query.cursor });
      // The consortium's list leaves out the paths of a project being copied (project-copy.ts).
      const items = page.items.map(pathWithTotals);
      return { items: query.projectId ? items : await withoutStaged(db, consortiumId, items), nextCursor: page.nextCursor };
    },

    /** Active members, and what each attended: in one path, or (without `trainingId`) across all paths. */
    async participation(consortiumId: string, trainingId?: string) {
      const [members, tallies] = await Promise.all([
        allOf(membersOf(consortiumId), (item) => entityOf<Member>(item)),
        allOf(trainingId ? pathTalliesOf(consortiumId, trainingId) : traineesOf(consortiumId), tallyOf),
      ]);
      return { activeMemberIds: members.filter((m) => m.status === 'active').map((m) => m.id), tallies };
    },

    async createPath(path: TrainingPath, actor: Actor): Promise<TrainingPath> {
      const ops: TxOp[] = [op({ Put: putNew(db.tableName, trainingPathItem(path)) }, () => new ConflictError(`A training path ${path.id} exists already`))];
      if (path.projectId) {
        const projectId = path.projectId;
        ops.push(op({ ConditionCheck: mustExist(db.tableName, projectKey(path.consortiumId, projectId)) }, () => new ValidationError([{ path: 'projectId', message: `no project ${projectId} in this consortium` }])));
        ops.push(op(countersOp(db.tableName, projectTrainingKey(path.consortiumId, projectId), { paths: 1 }, { create: true }), () => new ConflictError('The project training summary moved')));
      }
      if (path.projectId && path.phaseId) ops.push(phaseCheck(db, path.consortiumId, path.projectId, path.phaseId));
      await audit.transact(chain(path.consortiumId), ops, auditRecord(actor, 'training_path', path.id, 'create', undefined, path));
      return path;
    },

    async updatePath(current: TrainingPath, expectedVersion: number, changes: Partial<TrainingPath>, actor: Actor): Promise<TrainingPath> {
      if (current.version !== expectedVersion) throw new StaleVersionError('training path', expectedVersion, current.version);
      const { id: _i, consortiumId: _c, projectId: _p, version: _v, createdAt: _t, ...set } = changes;
      const updated = { ...current, ...set, version: expectedVersion + 1, updatedAt: actor.at };
      const ops = [
        op({ Update: versionedUpdate({ tableName: db.tableName, key: trainingPathKey(current.consortiumId, current.id), expectedVersion, set, now: actor.at }) }, () => new StaleVersionError('training path')),
      ];
      if (set.phaseId) {
        if (!current.projectId) throw new ValidationError([{ path: 'phaseId', message: 'the path belongs to no project' }]);
        ops.push(phaseCheck(db, current.consortiumId, current.projectId, set.phaseId));
      }
      await audit.transact(chain(current.consortiumId), ops, auditRecord(actor, 'training_path', current.id, 'update', current, updated));
      return updated;
    },

    async getSession(consortiumId: string, trainingId: string, sessionId: string) {
      const item = await db.get(sessionKey(consortiumId, trainingId, sessionId));
      if (!item) throw sessionNotFound(sessionId);
      return sessionWithTotals(item);
    },

    async listSessions(consortiumId: string, trainingId: string, page: { limit: number; cursor?: string }) {
      const { PK, skPrefix } = sessionsOf(consortiumId, trainingId);
      const result = await db.queryPage({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix), ...page });
      return { items: result.items.map(sessionWithTotals), nextCursor: result.nextCursor };
    },

    /** Adds a session; the path's `sessions` counter keeps it to MAX_SESSIONS_PER_PATH. */
    async createSession(path: TrainingPath, session: Session, actor: Actor): Promise<Session> {
      const bound = { condition: '(attribute_not_exists(#sessions) OR #sessions < :max)', values: { ':max': MAX_SESSIONS_PER_PATH } };
      await audit.transact(
        chain(session.consortiumId),
        [
          op({ Put: putNew(db.tableName, sessionItem(session)) }, () => new ConflictError(`A session ${session.id} exists already`)),
          ...pathCounters(path, sessionContribution(session), bound, () => new ConflictError(`A path has at most ${MAX_SESSIONS_PER_PATH} sessions`)),
        ],
        auditRecord(actor, 'training_session', session.id, 'create', undefined, session),
      );
      return session;
    },

    async updateSession(path: TrainingPath, current: Session, expectedVersion: number, changes: Partial<Session>, actor: Actor): Promise<Session> {
      if (current.version !== expectedVersion) throw new StaleVersionError('session', expectedVersion, current.version);
      const { id: _i, consortiumId: _c, trainingId: _t, version: _v, createdAt: _a, ...set } = changes;
      const updated: Session = { ...current, ...set, version: expectedVersion + 1, updatedAt: actor.at };
      const delta = deltaOf(current, updated, sessionContribution);
      const ops = [
        op({ Update: versionedUpdate({ tableName: db.tableName, key: sessionKey(current.consortiumId, current.trainingId, current.id), expectedVersion, set, now: actor.at }) }, () => new StaleVersionError('session')),
        ...(Object.keys(delta).length > 0 ? pathCounters(path, delta) : []),
      ];
      const action = set.status && set.status !== current.status ? set.status : 'update';
      await audit.transact(chain(current.consortiumId), ops, auditRecord(actor, 'training_session', current.id, action, current, updated));
      return updated;
    },

    async getAttendance(consortiumId: string, trainingId: string, sessionId: string, memberId: string): Promise<Attendance | undefined> {
      const item = await db.get(attendanceKey(consortiumId, trainingId, sessionId, memberId));
      return item ? entityOf<Attendance>(item) : undefined;
    },

    async listAttendance(consortiumId: string, trainingId: string, sessionId: string, page: { limit: number; cursor?: string }): Promise<Page<Attendance>> {
      const { PK, skPrefix } = attendanceOf(consortiumId, trainingId, sessionId);
      const result = await db.queryPage({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix), ...page });
      return { items: result.items.map((item) => entityOf<Attendance>(item)), nextCursor: result.nextCursor };
    },

    /**
     * Records, changes (`before` and `after`) or removes (`after` absent) a member's attendance of a
     * held session (the route checks it is held), with the member's own tallies in the same
     * transaction and the shared totals at sealing. Tallies that moved meanwhile make it read
     * again, a few times.
     */
    async writeAttendance(path: TrainingPath, before: Attendance | undefined, after: Attendance | undefined, actor: Actor): Promise<void> {
      const record = (after ?? before)!;
      const { consortiumId, trainingId, sessionId, memberId } = record;
      const delta = deltaOf(before, after, attendanceContribution);
      const sessions = delta.sessionsAttended ?? 0;
      const shared = { attendances: delta.attendances ?? 0, participants: delta.participants ?? 0, personHours: delta.personHours ?? 0 };
      const memberDelta = { sessionsAttended: sessions, participants: shared.participants, hoursAttended: delta.hoursAttended ?? 0, personHours: shared.personHours };
      const tallySet = { memberId, itemType: 'TrainingTally' };
      const joins = (read: number) => (read === 0 && sessions > 0 ? 1 : read > 0 && read + sessions === 0 ? -1 : 0);

      for (let attempt = 1; ; attempt++) {
        const [pathTally, projectTally] = await Promise.all([
          db.get(pathTallyKey(consortiumId, trainingId, memberId)),
          path.projectId ? db.get(projectTraineeKey(consortiumId, path.projectId, memberId)) : undefined,
        ]);
        const pathRead = Number(pathTally?.sessionsAttended ?? 0);
        const projectRead = Number(projectTally?.sessionsAttended ?? 0);
        const key = attendanceKey(consortiumId, trainingId, sessionId, memberId);
        // The session's, path's and project's totals are shared by every member's attendance: they
        // travel in the event and move when it is sealed. Each member's own tallies stay here, where
        // their condition decides a first attendance once.
        const projections = [
          ...countersMoved(sessionKey(consortiumId, trainingId, sessionId), shared),
          ...countersMoved(trainingPathKey(consortiumId, trainingId), { ...shared, membersTakingPart: joins(pathRead) }),
          ...(path.projectId ? countersMoved(projectTrainingKey(consortiumId, path.projectId), { ...shared, membersTakingPart: joins(projectRead) }, { itemType: 'ProjectTraining' }) : []),
        ];
        const ops: TxOp[] = [
          attendanceWrite(db, key, before, after, actor),
          op(countersOp(db.tableName, pathTallyKey(consortiumId, trainingId, memberId), memberDelta, { ...tallyCondition(pathRead), set: tallySet, create: true }), () => new TallyMoved('tally moved')),
          op(countersOp(db.tableName, traineeKey(consortiumId, memberId), { ...memberDelta, paths: joins(pathRead) }, { set: tallySet, create: true }), () => new TallyMoved('tally moved')),
          op({ ConditionCheck: mustExist(db.tableName, memberKey(consortiumId, memberId)) }, () => new ValidationError([{ in: 'path', path: 'memberId', message: `no member ${memberId} in this consortium` }])),
        ];
        if (path.projectId) {
          ops.push(op(countersOp(db.tableName, projectTraineeKey(consortiumId, path.projectId, memberId), memberDelta, { ...tallyCondition(projectRead), set: tallySet, create: true }), () => new TallyMoved('tally moved')));
        }
        const action = !before ? 'attend' : after ? 'update_attendance' : 'remove_attendance';
        try {
          await audit.transact(chain(consortiumId), ops, auditRecord(actor, 'attendance', `${sessionId}:${memberId}`, action, before, after), projections);
          return;
        } catch (error) {
          if (!(error instanceof TallyMoved) || attempt >= 5) throw error instanceof TallyMoved ? new ConflictError('Attendance changed meanwhile; retry', { cause: error }) : error;
        }
      }
    },
  };
}

function phaseCheck(db: Db, consortiumId: string, projectId: string, phaseId: string): TxOp {
  return {
    write: { ConditionCheck: mustExist(db.tableName, phaseKey(consortiumId, projectId, phaseId)) },
    onConditionFailed: () => new ValidationError([{ path: 'phaseId', message: `no phase ${phaseId} in project ${projectId}` }]),
  };
}

/** The attendance item's own write: a new record, a change at the version read, or a removal. */
function attendanceWrite(db: Db, key: Key, before: Attendance | undefined, after: Attendance | undefined, actor: Actor): TxOp {
  if (!before) {
    return { write: { Put: putNew(db.tableName, attendanceItem(after!)) }, onConditionFailed: () => new ConflictError('Attendance is recorded already: send its version to change it') };
  }
  if (!after) {
    return {
      write: { Delete: { TableName: db.tableName, Key: key, ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': before.version } } },
      onConditionFailed: () => new StaleVersionError('attendance'),
    };
  }
  return {
    write: { Update: versionedUpdate({ tableName: db.tableName, key, expectedVersion: before.version, set: { people: after.people, hours: after.hours, attendees: after.attendees, recordedBy: after.recordedBy }, remove: after.attendees ? [] : ['attendees'], now: actor.at }) },
    onConditionFailed: () => new StaleVersionError('attendance'),
  };
}

export type TrainingRepository = ReturnType<typeof trainingRepository>;
