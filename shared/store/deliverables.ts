// Deliverables and their logs. Every write carries the phase and project counters it moves in its
// audit event (the sealer applies them), so that the overview reads counts instead of counting and
// writes to different deliverables share no item. A progress entry is an append: its transaction
// holds the entry and its event only, and the deliverable's percent and status follow at sealing.
import type { Deliverable, LogEntry } from '../domain/deliverable';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../domain/errors';
import { addCounters, counterDeltas, isZero, zeroCounters, type ProgressCounters } from '../domain/progress';
import { TABLE_KEYS, beginsWith, type Db, type TxOp } from './db';
import { counterAttributes, putNew, versionedUpdate, type TransactItem } from './expressions';
import { auditRecord, auditStore, type Actor } from './audit';
import { countersMoved, type Projection } from './projections';
import { entityOf } from './items';
import { withoutStaged } from './projects';
import {
  deliverableIndexKeys,
  deliverableKey,
  deliverablesOf,
  dueDateBound,
  logEntryKey,
  logOf,
  openDeliverablesOf,
  openDeliverablesOfMember,
  phaseKey,
  projectKey,
} from './keys';
import type { Page } from './pagination';
import { INDEXES } from './table';

export const deliverableItem = (deliverable: Deliverable) => {
  const indexKeys = deliverableIndexKeys(deliverable);
  return {
    ...deliverableKey(deliverable.consortiumId, deliverable.projectId, deliverable.id),
    ...indexKeys.set,
    itemType: 'Deliverable',
    ...deliverable,
  };
};

export const logEntryItem = (deliverable: Pick<Deliverable, 'consortiumId' | 'projectId'>, entry: LogEntry) => ({
  ...logEntryKey(deliverable.consortiumId, deliverable.projectId, entry.deliverableId, entry.at, entry.id),
  itemType: 'LogEntry',
  ...entry,
});

const notFound = (id: string) => new NotFoundError(`No deliverable ${id} in this project`);

/**
 * The counters one deliverable change moves, as projections its audit event carries: on each
 * touched phase and on the project. Phases closed meanwhile are the routes' to refuse (they read
 * the phase); the sealer only adds.
 */
export function counterProjections(before: Deliverable | undefined, after: Deliverable | undefined): Projection[] {
  const { consortiumId, projectId } = (after ?? before)!;
  let projectDelta: ProgressCounters = zeroCounters();
  const projections: Projection[] = [];
  for (const [phaseId, delta] of counterDeltas(before, after)) {
    projectDelta = addCounters(projectDelta, delta);
    projections.push(...countersMoved(phaseKey(consortiumId, projectId, phaseId), counterAttributes(delta)));
  }
  // A move between phases may leave the project's counters as they were.
  if (!isZero(projectDelta)) projections.push(...countersMoved(projectKey(consortiumId, projectId), counterAttributes(projectDelta)));
  return projections;
}

/** The fields a deliverable write sets: everything but its identity and creation stamp. */
function mutableFields(deliverable: Deliverable): Record<string, unknown> {
  const { id: _id, consortiumId: _c, projectId: _p, version: _v, createdAt: _t, ...fields } = deliverable;
  return fields;
}

export function deliverableRepository(db: Db) {
  const audit = auditStore(db);
  return {
    async get(consortiumId: string, projectId: string, deliverableId: string): Promise<Deliverable> {
      const item = await db.get(deliverableKey(consortiumId, projectId, deliverableId));
      if (!item) throw notFound(deliverableId);
      return entityOf<Deliverable>(item);
    },

    /** A project's deliverables by phase, one page of one Query; `phaseId` narrows to one phase. */
    async list(
      consortiumId: string,
      projectId: string,
      query: { limit: number; cursor?: string; phaseId?: string },
    ): Promise<Page<Deliverable>> {
      const result = await db.queryPage({
        on: INDEXES.byParent,
        partitionValue: deliverablesOf(consortiumId, projectId).GSI1PK,
        sortCondition: query.phaseId
          ? { expression: 'begins_with(#sk, :phase)', values: { ':phase': `${query.phaseId}#` } }
          : undefined,
        limit: query.limit,
        cursor: query.cursor,
      });
      return { items: result.items.map((item) => entityOf<Deliverable>(item)), nextCursor: result.nextCursor };
    },

    /** Open deliverables of a project due in [from, through] (either bound optional), by due date. */
    async openByDueDate(
      consortiumId: string,
      projectId: string,
      range: { before?: string; from?: string; through?: string; limit: number; cursor?: string },
    ): Promise<Page<Deliverable>> {
      const result = await db.queryPage({
        on: INDEXES.byDueDate,
        partitionValue: openDeliverablesOf(consortiumId, projectId).GSI2PK,
        sortCondition: dueDateCondition(range),
        limit: range.limit,
        cursor: range.cursor,
      });
      return { items: result.items.map((item) => entityOf<Deliverable>(item)), nextCursor: result.nextCursor };
    },

    /** A member's open deliverables across the consortium's projects, by due date (due `through` a date, if given). */
    async openOfMember(
      consortiumId: string,
      memberId: string,
      page: { limit: number; cursor?: string; through?: string },
    ): Promise<Page<Deliverable>> {
      const result = await db.queryPage({
        on: INDEXES.byOwner,
        partitionValue: openDeliverablesOfMember(consortiumId, memberId).GSI3PK,
        sortCondition: page.through ? { expression: '#sk <= :through', values: { ':through': dueDateBound.through(page.through) } } : undefined,
        limit: page.limit,
        cursor: page.cursor,
      });
      // A project being copied shows nothing of itself yet (project-copy.ts).
      const items = await withoutStaged(db, consortiumId, result.items.map((item) => entityOf<Deliverable>(item)));
      return { items, nextCursor: result.nextCursor };
    },

    async log(
      consortiumId: string,
      projectId: string,
      deliverableId: string,
      page: { limit: number; cursor?: string; newestFirst?: boolean },
    ): Promise<Page<LogEntry>> {
      const { PK, skPrefix } = logOf(consortiumId, projectId, deliverableId);
      const result = await db.queryPage({
        on: TABLE_KEYS,
        partitionValue: PK,
        sortCondition: beginsWith(skPrefix),
        limit: page.limit,
        cursor: page.cursor,
        descending: page.newestFirst ?? true,
      });
      return { items: result.items.map((item) => entityOf<LogEntry>(item)), nextCursor: result.nextCursor };
    },

    /** Creates a deliverable; its phase and project count it once sealed. */
    async create(deliverable: Deliverable, actor: Actor): Promise<Deliverable> {
      await audit.transact(
        { consortiumId: deliverable.consortiumId, projectId: deliverable.projectId },
        [
          {
            write: { Put: putNew(db.tableName, deliverableItem(deliverable)) },
            onConditionFailed: () => new ConflictError(`A deliverable ${deliverable.id} exists already`),
          },
        ],
        auditRecord(actor, 'deliverable', deliverable.id, 'create', undefined, deliverable),
        counterProjections(undefined, deliverable),
      );
      return deliverable;
    },

    /**
     * Reads a deliverable, applies a domain change to it and writes the result. With an
     * `expectedVersion` a stale read is a 409; without one, a race with another writer is
     * retried on a fresh read (a progress note does not depend on what the writer saw).
     */
    async change<E extends LogEntry | undefined>(
      ids: { consortiumId: string; projectId: string; deliverableId: string },
      expectedVersion: number | undefined,
      action: string,
      actor: Actor,
      apply: (current: Deliverable) => { after: Deliverable; entry: E },
    ): Promise<{ deliverable: Deliverable; entry: E }> {
      for (let attempt = 1; ; attempt++) {
        const current = await this.get(ids.consortiumId, ids.projectId, ids.deliverableId);
        if (expectedVersion !== undefined && current.version !== expectedVersion) {
          throw new StaleVersionError('deliverable', expectedVersion, current.version);
        }
        const { after, entry } = apply(current);
        if (entry?.type === 'progress' && current.status === 'in_progress') {
          return { deliverable: await this.appendProgress(current, after, entry, action, actor), entry };
        }
        try {
          return { deliverable: await this.write(current, after, entry, action, actor), entry };
        } catch (error) {
          if (!(error instanceof StaleVersionError) || expectedVersion !== undefined || attempt >= 3) throw error;
        }
      }
    },

    /**
     * Writes a changed deliverable, its new log entry if any and its audit event (carrying the
     * counter changes), in one transaction conditional on the version it was read at.
     */
    async write(before: Deliverable, after: Deliverable, entry: LogEntry | undefined, action: string, actor: Actor): Promise<Deliverable> {
      const indexKeys = deliverableIndexKeys(after);
      const ops: TxOp[] = [
        {
          write: {
            Update: versionedUpdate({
              tableName: db.tableName,
              key: deliverableKey(before.consortiumId, before.projectId, before.id),
              expectedVersion: before.version,
              set: { ...mutableFields(after), ...indexKeys.set, ...(entry?.type === 'progress' ? { progressAt: entry.at } : {}) },
              remove: indexKeys.remove,
              // The sealer moves the percent outside the version: a write read before it is stale.
              unchanged: { reportedPercent: before.reportedPercent },
              now: after.updatedAt,
            }),
          },
          onConditionFailed: () => new StaleVersionError('deliverable'),
        },
      ];
      if (entry) {
        ops.push({
          write: { Put: putNew(db.tableName, logEntryItem(after, entry)) } satisfies TransactItem,
          onConditionFailed: () => new ConflictError('This log entry exists already'),
        });
      }
      const updated = { ...after, version: before.version + 1 };
      await audit.transact(
        { consortiumId: before.consortiumId, projectId: before.projectId },
        ops,
        auditRecord(actor, 'deliverable', before.id, action, before, updated),
        counterProjections(before, after),
      );
      return updated;
    },

    /**
     * Removes a planned deliverable (it has no log yet), in one transaction conditional on the
     * version it was read at and on its being still planned; its phase and project count it no more.
     */
    async remove(current: Deliverable, actor: Actor): Promise<void> {
      await audit.transact(
        { consortiumId: current.consortiumId, projectId: current.projectId },
        [
          {
            write: {
              Delete: {
                TableName: db.tableName,
                Key: deliverableKey(current.consortiumId, current.projectId, current.id),
                ConditionExpression: '#version = :version AND #status = :planned',
                ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
                ExpressionAttributeValues: { ':version': current.version, ':planned': 'planned' },
              },
            },
            onConditionFailed: () => new StaleVersionError('deliverable'),
          },
        ],
        auditRecord(actor, 'deliverable', current.id, 'remove', current, undefined),
        counterProjections(current, undefined),
      );
    },

    /**
     * Appends a progress entry to work in progress: its transaction puts the entry and its event,
     * nothing another writer touches, so that appends never conflict, with or without a version.
     * The deliverable's percent follows when the event is sealed, outside its version (`after` is
     * what it will be, answered to the caller). The first entry on planned or returned work is a
     * write of the deliverable (its status changes), as any other action.
     */
    async appendProgress(before: Deliverable, after: Deliverable, entry: LogEntry, action: string, actor: Actor): Promise<Deliverable> {
      const progress = { consortiumId: before.consortiumId, projectId: before.projectId, deliverableId: before.id, at: entry.at, percent: entry.percent ?? after.reportedPercent };
      await audit.transact(
        { consortiumId: before.consortiumId, projectId: before.projectId },
        [
          {
            write: { Put: putNew(db.tableName, logEntryItem(before, entry)) },
            onConditionFailed: () => new ConflictError('This log entry exists already'),
          },
        ],
        auditRecord(actor, 'deliverable', before.id, action, before, after),
        [{ progress }],
      );
      return after;
    },
  };
}

function dueDateCondition(range: { before?: string; from?: string; through?: string }) {
  if (range.before) {
    return { expression: '#sk < :before', values: { ':before': dueDateBound.before(range.before) } };
  }
  if (range.from && range.through) {
    return {
      expression: '#sk BETWEEN :from AND :through',
      values: { ':from': dueDateBound.before(range.from), ':through': dueDateBound.through(range.through) },
    };
  }
  if (range.from || range.through) {
    throw new ValidationError([{ path: 'range', message: 'give both from and through' }]);
  }
  return undefined;
}
