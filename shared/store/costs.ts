// Costs: one partition per project's costs, listed by line and by status on the indexes. Every status
// change moves the line's, partner's and project's spending, as projections of its audit event.
import { costDelta, type Cost } from '../domain/cost';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../domain/errors';
import { auditRecord, auditStore, type Actor } from './audit';
import { TABLE_KEYS, beginsWith, type Db, type TxOp } from './db';
import { putNew, versionedUpdate } from './expressions';
import { entityOf } from './items';
import { budgetLineKey, costIndexKeys, costKey, costsInStatus, costsOf, costsOfLine } from './keys';
import { lineSpendingProjection } from './budget';
import { moneyProjections } from './money';
import type { Projection } from './projections';
import type { Page } from './pagination';
import { INDEXES } from './table';

export const costItem = (cost: Cost) => ({
  ...costKey(cost.consortiumId, cost.projectId, cost.id),
  ...costIndexKeys(cost),
  itemType: 'Cost',
  ...cost,
});

export const costNotFound = (id: string) => new NotFoundError(`No cost ${id} in this project`);

/** The fields a cost write sets: everything but its identity and creation stamp. */
function mutableFields(cost: Cost): Record<string, unknown> {
  const { id: _id, consortiumId: _c, projectId: _p, version: _v, createdAt: _t, ...fields } = cost;
  return fields;
}

/** What keeps spending true for one cost change: its line, its partner and the project. */
export function spendingProjections(before: Cost | undefined, after: Cost): Projection[] {
  const delta = costDelta(before, after);
  const ref = { consortiumId: after.consortiumId, projectId: after.projectId };
  return [...lineSpendingProjection({ ...ref, id: after.budgetLineId }, delta), ...moneyProjections(ref, delta, after.memberId)];
}

/** The line a cost names must exist and belong to the cost's member: 400 naming `budgetLineId`. */
function lineCheck(tableName: string, cost: Cost): TxOp {
  return {
    write: {
      ConditionCheck: {
        TableName: tableName,
        Key: budgetLineKey(cost.consortiumId, cost.projectId, cost.budgetLineId),
        ConditionExpression: 'attribute_exists(PK) AND memberId = :member',
        ExpressionAttributeValues: { ':member': cost.memberId },
      },
    },
    onConditionFailed: () =>
      new ValidationError([{ path: 'budgetLineId', message: `no budget line ${cost.budgetLineId} of member ${cost.memberId} in this project` }]),
  };
}

export function costRepository(db: Db) {
  const audit = auditStore(db);
  const chainOf = (cost: Pick<Cost, 'consortiumId' | 'projectId'>) => ({ consortiumId: cost.consortiumId, projectId: cost.projectId });
  const page = (result: Page<Record<string, unknown>>): Page<Cost> => ({
    items: result.items.map((item) => entityOf<Cost>(item)),
    nextCursor: result.nextCursor,
  });

  return {
    async get(consortiumId: string, projectId: string, costId: string): Promise<Cost> {
      const item = await db.get(costKey(consortiumId, projectId, costId));
      if (!item) throw costNotFound(costId);
      return entityOf<Cost>(item);
    },

    /** A project's costs (one Query per page); by line or by status, by date, on an index. */
    async list(
      consortiumId: string,
      projectId: string,
      query: { limit: number; cursor?: string; budgetLineId?: string; status?: string },
    ): Promise<Page<Cost>> {
      const { limit, cursor } = query;
      if (query.budgetLineId && query.status) {
        throw new ValidationError([{ in: 'query', path: 'status', message: 'filter by budgetLineId or by status, not both' }]);
      }
      if (query.budgetLineId) {
        const partitionValue = costsOfLine(consortiumId, projectId, query.budgetLineId).GSI1PK;
        return page(await db.queryPage({ on: INDEXES.byParent, partitionValue, limit, cursor }));
      }
      if (query.status) {
        const partitionValue = costsInStatus(consortiumId, projectId, query.status).GSI2PK;
        return page(await db.queryPage({ on: INDEXES.byDueDate, partitionValue, limit, cursor }));
      }
      const { PK, skPrefix } = costsOf(consortiumId, projectId);
      return page(await db.queryPage({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix), limit, cursor }));
    },

    async create(cost: Cost, actor: Actor): Promise<Cost> {
      await audit.transact(
        chainOf(cost),
        [
          {
            write: { Put: putNew(db.tableName, costItem(cost)) },
            onConditionFailed: () => new ConflictError(`A cost ${cost.id} exists already`),
          },
          lineCheck(db.tableName, cost),
        ],
        auditRecord(actor, 'cost', cost.id, 'create', undefined, cost),
        spendingProjections(undefined, cost),
      );
      return cost;
    },

    /**
     * Writes a changed cost if it is still at the version it was read at, with the spending it
     * moves and its audit entry: two reviewers of one cost cannot both win.
     */
    async write(before: Cost, after: Cost, expectedVersion: number, action: string, actor: Actor): Promise<Cost> {
      if (before.version !== expectedVersion) throw new StaleVersionError('cost', expectedVersion, before.version);
      const removed = (Object.keys(before) as (keyof Cost)[]).filter((key) => after[key] === undefined);
      const ops: TxOp[] = [
        {
          write: {
            Update: versionedUpdate({
              tableName: db.tableName,
              key: costKey(before.consortiumId, before.projectId, before.id),
              expectedVersion,
              set: { ...mutableFields(after), ...costIndexKeys(after) },
              remove: removed,
              now: after.updatedAt,
            }),
          },
          onConditionFailed: () => new StaleVersionError('cost'),
        },
        ...(after.budgetLineId !== before.budgetLineId ? [lineCheck(db.tableName, after)] : []),
      ];
      const updated = { ...after, version: expectedVersion + 1 };
      await audit.transact(chainOf(before), ops, auditRecord(actor, 'cost', before.id, action, before, updated), spendingProjections(before, after));
      return updated;
    },

    /** Marks the original reversed (at its version) and adds the reversal, which counts negative. */
    async reverse(before: Cost, original: Cost, reversal: Cost, expectedVersion: number, actor: Actor): Promise<{ original: Cost; reversal: Cost }> {
      if (before.version !== expectedVersion) throw new StaleVersionError('cost', expectedVersion, before.version);
      await audit.transact(
        chainOf(before),
        [
          {
            write: {
              Update: versionedUpdate({
                tableName: db.tableName,
                key: costKey(before.consortiumId, before.projectId, before.id),
                expectedVersion,
                set: { reversedBy: original.reversedBy, reversalReason: original.reversalReason },
                now: original.updatedAt,
              }),
            },
            onConditionFailed: () => new StaleVersionError('cost'),
          },
          {
            write: { Put: putNew(db.tableName, costItem(reversal)) },
            onConditionFailed: () => new ConflictError(`A cost ${reversal.id} exists already`),
          },
        ],
        auditRecord(actor, 'cost', reversal.id, 'reverse', undefined, reversal),
        spendingProjections(undefined, reversal),
      );
      return { original: { ...original, version: expectedVersion + 1 }, reversal };
    },
  };
}

export type CostRepository = ReturnType<typeof costRepository>;
