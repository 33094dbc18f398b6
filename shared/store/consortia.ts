// Consortium items: the tenant root, read on every request under /consortia/{id}, and listed in
// the installation's registry (GSI1 `CONSORTIA`) for the jobs that run for every consortium.
import type { Consortium } from '../domain/consortium';
import { ConflictError } from '../domain/errors';
import { auditRecord, auditStore, type Actor } from './audit';
import type { Db } from './db';
import { putNew } from './expressions';
import { entityOf } from './items';
import { allConsortia, consortiumIndexKeys, consortiumKey } from './keys';
import type { Page } from './pagination';
import { INDEXES } from './table';

/** The stored item: the consortium, under its own key and in the registry, in one write. */
export function consortiumItem(consortium: Consortium) {
  return { ...consortiumKey(consortium.id), ...consortiumIndexKeys(consortium.id), itemType: 'Consortium', ...consortium };
}

export function consortiumRepository(db: Db) {
  const audit = auditStore(db);

  return {
    async get(consortiumId: string): Promise<Consortium | undefined> {
      const item = await db.get(consortiumKey(consortiumId), false);
      return item ? entityOf<Consortium>(item) : undefined;
    },

    /** Creates or replaces a consortium, unaudited (seeding and tests). */
    async put(consortium: Consortium): Promise<void> {
      await db.putAll([consortiumItem(consortium)]);
    },

    /** Creates a consortium that must not exist yet, with the first entry of its audit chain. */
    async create(consortium: Consortium, actor: Actor): Promise<Consortium> {
      await audit.transact(
        { consortiumId: consortium.id },
        [
          {
            write: { Put: putNew(db.tableName, consortiumItem(consortium)) },
            onConditionFailed: () => new ConflictError(`A consortium ${consortium.id} exists already`),
          },
        ],
        auditRecord(actor, 'consortium', consortium.id, 'create', undefined, consortium),
      );
      return consortium;
    },

    /** One page of the registry, by id: one Query of GSI1 `CONSORTIA`. */
    async list(page: { limit: number; cursor?: string }): Promise<Page<Consortium>> {
      const result = await db.queryPage({ on: INDEXES.byParent, partitionValue: allConsortia().GSI1PK, ...page });
      return { items: result.items.map((item) => entityOf<Consortium>(item)), nextCursor: result.nextCursor };
    },

    /** Every consortium of the installation, a page at a time (jobs, administration). */
    async *all(): AsyncGenerator<Consortium> {
      let cursor: string | undefined;
      do {
        const page = await this.list({ limit: 100, cursor });
        yield* page.items;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },
  };
}
