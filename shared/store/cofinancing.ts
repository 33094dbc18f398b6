// Co-financing contributions: one partition per project; each write moves the project's and the
// partner's co-financing provided by ADD in the same transaction.
import { contributionDelta, type Contribution } from '../domain/cofinancing';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../domain/errors';
import { auditRecord, auditStore, type Actor } from './audit';
import { projectNotFound } from './projects';
import { TABLE_KEYS, beginsWith, type Db, type TxOp } from './db';
import { mustExist, putNew, versionedUpdate } from './expressions';
import { entityOf } from './items';
import { budgetLineKey, contributionKey, contributionsOf, projectKey } from './keys';
import { moneyProjections } from './money';
import type { Page } from './pagination';

export const contributionItem = (contribution: Contribution) => ({
  ...contributionKey(contribution.consortiumId, contribution.projectId, contribution.id),
  itemType: 'Contribution',
  ...contribution,
});

const notFound = (id: string) => new NotFoundError(`No contribution ${id} in this project`);

export function cofinancingRepository(db: Db) {
  const audit = auditStore(db);
  const refOf = (c: Pick<Contribution, 'consortiumId' | 'projectId'>) => ({ consortiumId: c.consortiumId, projectId: c.projectId });
  const moneyOf = (contribution: Contribution) => moneyProjections(refOf(contribution), contributionDelta(contribution), contribution.memberId);

  return {
    async get(consortiumId: string, projectId: string, contributionId: string): Promise<Contribution> {
      const item = await db.get(contributionKey(consortiumId, projectId, contributionId));
      if (!item) throw notFound(contributionId);
      return entityOf<Contribution>(item);
    },

    async list(consortiumId: string, projectId: string, page: { limit: number; cursor?: string }): Promise<Page<Contribution>> {
      const { PK, skPrefix } = contributionsOf(consortiumId, projectId);
      const result = await db.queryPage({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix), ...page });
      return { items: result.items.map((item) => entityOf<Contribution>(item)), nextCursor: result.nextCursor };
    },

    async create(contribution: Contribution, actor: Actor): Promise<Contribution> {
      const { budgetLineId } = contribution;
      const checks: TxOp[] = [
        {
          write: { ConditionCheck: mustExist(db.tableName, projectKey(contribution.consortiumId, contribution.projectId)) },
          onConditionFailed: () => projectNotFound(contribution.projectId),
        },
      ];
      if (budgetLineId) {
        checks.push({
          write: {
            ConditionCheck: {
              TableName: db.tableName,
              Key: budgetLineKey(contribution.consortiumId, contribution.projectId, budgetLineId),
              ConditionExpression: 'attribute_exists(PK) AND memberId = :member',
              ExpressionAttributeValues: { ':member': contribution.memberId },
            },
          },
          onConditionFailed: () =>
            new ValidationError([{ path: 'budgetLineId', message: `no budget line ${budgetLineId} of member ${contribution.memberId} in this project` }]),
        });
      }
      await audit.transact(
        refOf(contribution),
        [
          {
            write: { Put: putNew(db.tableName, contributionItem(contribution)) },
            onConditionFailed: () => new ConflictError(`A contribution ${contribution.id} exists already`),
          },
          ...checks,
        ],
        auditRecord(actor, 'contribution', contribution.id, 'create', undefined, contribution),
        moneyOf(contribution),
      );
      return contribution;
    },

    async reverse(before: Contribution, original: Contribution, reversal: Contribution, expectedVersion: number, actor: Actor) {
      if (before.version !== expectedVersion) throw new StaleVersionError('contribution', expectedVersion, before.version);
      await audit.transact(
        refOf(before),
        [
          {
            write: {
              Update: versionedUpdate({
                tableName: db.tableName,
                key: contributionKey(before.consortiumId, before.projectId, before.id),
                expectedVersion,
                set: { reversedBy: original.reversedBy, reversalReason: original.reversalReason },
                now: original.updatedAt,
              }),
            },
            onConditionFailed: () => new StaleVersionError('contribution'),
          },
          {
            write: { Put: putNew(db.tableName, contributionItem(reversal)) },
            onConditionFailed: () => new ConflictError(`A contribution ${reversal.id} exists already`),
          },
        ],
        auditRecord(actor, 'contribution', reversal.id, 'reverse', undefined, reversal),
        moneyOf(reversal),
      );
      return { original: { ...original, version: expectedVersion + 1 }, reversal };
    },
  };
}
