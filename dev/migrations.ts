// Every migration of the stored format, for every consortium of a table: what `npm run migrate`
// runs, and `npm start` before it serves (a `.data/` written by an older version is brought up to
// date). Each migration is resumable and idempotent, so running this again changes nothing.
import type { Store } from '../shared/store';
import type { AuditChain } from '../shared/store/keys';
import { PERSON_INDEX_MIGRATION, addPersonIndex, describeChain, migrateChainToEvents } from '../shared/store/migrations';

/** Runs the migrations; answers how many chains they changed. */
export async function runMigrations(store: Store, log: (line: string) => void): Promise<number> {
  let migrated = 0;
  for await (const consortium of store.consortia.all()) {
    const chains: AuditChain[] = [{ consortiumId: consortium.id }];
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await store.projects.list(consortium.id, { limit: 100, cursor });
      chains.push(...page.items.map(({ entity }) => ({ consortiumId: consortium.id, projectId: entity.id })));
      cursor = page.nextCursor ?? undefined;
    }
    for (const chain of chains) {
      // In order: the person index is added to the entries the first one writes too.
      const result = await migrateChainToEvents(store.db, chain);
      if (result.outcome === 'migrated') {
        log(`audit-events: ${describeChain(chain)}: ${result.legacyEntries} entries rewritten; the new chain opens with the old head ${result.legacyHeadHash}`);
      }
      const indexed = await addPersonIndex(store.db, chain);
      if (indexed.outcome === 'indexed' && indexed.entries > 0) {
        log(`${PERSON_INDEX_MIGRATION}: ${describeChain(chain)}: ${indexed.entries} entries indexed by the people they name`);
      }
      if (result.outcome === 'migrated' || (indexed.outcome === 'indexed' && indexed.entries > 0)) migrated++;
    }
  }
  return migrated;
}
