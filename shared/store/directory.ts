// Members and funders: the consortium's directory, items in the consortium's partition.
import { ConflictError, NotFoundError, StaleVersionError } from '../domain/errors';
import type { Funder } from '../domain/funder';
import type { Member } from '../domain/member';
import { TABLE_KEYS, beginsWith, type Db } from './db';
import { putNew, versionedUpdate } from './expressions';
import { auditRecord, auditStore, type Actor } from './audit';
import { entityOf } from './items';
import { funderKey, fundersOf, memberKey, membersOf, type Key } from './keys';
import type { Page } from './pagination';

interface DirectoryEntity {
  id: string;
  consortiumId: string;
  version: number;
}

interface DirectoryKind {
  itemType: string;
  label: string;
  key(consortiumId: string, id: string): Key;
  listOf(consortiumId: string): { PK: string; skPrefix: string };
}

function directoryRepository<T extends DirectoryEntity>(db: Db, kind: DirectoryKind) {
  const audit = auditStore(db);
  const notFound = (id: string) => new NotFoundError(`No ${kind.label} ${id} in this consortium`);
  const itemOf = (entity: T) => ({ ...kind.key(entity.consortiumId, entity.id), itemType: kind.itemType, ...entity });

  return {
    itemOf,

    async get(consortiumId: string, id: string): Promise<T> {
      const item = await db.get(kind.key(consortiumId, id));
      if (!item) throw notFound(id);
      return entityOf<T>(item);
    },

    async list(consortiumId: string, page: { limit: number; cursor?: string }): Promise<Page<T>> {
      const { PK, skPrefix } = kind.listOf(consortiumId);
      const result = await db.queryPage({
        on: TABLE_KEYS,
        partitionValue: PK,
        sortCondition: beginsWith(skPrefix),
        ...page,
      });
      return { items: result.items.map((item) => entityOf<T>(item)), nextCursor: result.nextCursor };
    },

    async create(entity: T, actor: Actor): Promise<T> {
      await audit.transact(
        { consortiumId: entity.consortiumId },
        [
          {
            write: { Put: putNew(db.tableName, itemOf(entity)) },
            onConditionFailed: () => new ConflictError(`A ${kind.label} ${entity.id} exists already`),
          },
        ],
        auditRecord(actor, kind.label, entity.id, 'create', undefined, entity),
      );
      return entity;
    },

    /** Writes `changes` if the stored version is still `expectedVersion`. */
    async update(current: T, expectedVersion: number, changes: Partial<T>, actor: Actor): Promise<T> {
      if (current.version !== expectedVersion) {
        throw new StaleVersionError(kind.label, expectedVersion, current.version);
      }
      const { id: _id, consortiumId: _c, version: _v, ...set } = changes as Record<string, unknown>;
      const updated = { ...current, ...changes, version: expectedVersion + 1, updatedAt: actor.at };
      await audit.transact(
        { consortiumId: current.consortiumId },
        [
          {
            write: {
              Update: versionedUpdate({
                tableName: db.tableName,
                key: kind.key(current.consortiumId, current.id),
                expectedVersion,
                set,
                now: actor.at,
              }),
            },
            onConditionFailed: () => new StaleVersionError(kind.label),
          },
        ],
        auditRecord(actor, kind.label, current.id, 'update', current, updated),
      );
      return updated;
    },
  };
}

export type DirectoryRepository<T extends DirectoryEntity> = ReturnType<typeof directoryRepository<T>>;

export const memberRepository = (db: Db) =>
  directoryRepository<Member>(db, { itemType: 'Member', label: 'member', key: memberKey, listOf: membersOf });

export const funderRepository = (db: Db) =>
  directoryRepository<Funder>(db, { itemType: 'Funder', label: 'funder', key: funderKey, listOf: fundersOf });
