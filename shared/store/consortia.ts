// Consortium items: the tenant root, read on every request under /consortia/{id}.
import type { Consortium } from '../domain/consortium';
import type { Db } from './db';
import { entityOf } from './items';
import { consortiumKey } from './keys';

export function consortiumItem(consortium: Consortium) {
  return { ...consortiumKey(consortium.id), itemType: 'Consortium', ...consortium };
}

export function consortiumRepository(db: Db) {
  return {
    async get(consortiumId: string): Promise<Consortium | undefined> {
      const item = await db.get(consortiumKey(consortiumId), false);
      return item ? entityOf<Consortium>(item) : undefined;
    },

    /** Creates or replaces a consortium (seeding and administration, not the API). */
    async put(consortium: Consortium): Promise<void> {
      await db.putAll([consortiumItem(consortium)]);
    },
  };
}
