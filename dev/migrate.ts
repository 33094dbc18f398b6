// `npm run migrate`: brings the table's stored format up to date, every migration in order, for
// every consortium (resumable and idempotent: a second run changes nothing; a run after a crash
// does what is left). Locally it uses the running `npm start`'s DynamoDB Local or starts one on
// .data/; `--aws` works on the deployed table named by TABLE_NAME.
//
// Migrations: `audit-events` rewrites audit chains of the format before events (entries appended
// in each write's transaction, personal values inside) as events of the current format, each
// chain opening with an entry that records the old chain's head hash.
import './quiet-sdk-warning';
import { parseArgs } from 'node:util';
import { createStore } from '../shared/store';
import { documentClientOf } from '../shared/store/client';
import { describeChain, migrateChainToEvents } from '../shared/store/migrations';
import { openTable } from './local-table';

const { values } = parseArgs({ options: { aws: { type: 'boolean', default: false } } });

const table = await openTable({ aws: values.aws });
try {
  const store = createStore(documentClientOf(table.client), table.tableName);
  let migrated = 0;
  for await (const consortium of store.consortia.all()) {
    const chains = [{ consortiumId: consortium.id }];
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await store.projects.list(consortium.id, { limit: 100, cursor });
      chains.push(...page.items.map(({ entity }) => ({ consortiumId: consortium.id, projectId: entity.id })));
      cursor = page.nextCursor ?? undefined;
    }
    for (const chain of chains) {
      const result = await migrateChainToEvents(store.db, chain);
      if (result.outcome === 'migrated') {
        migrated++;
        console.log(`audit-events: ${describeChain(chain)}: ${result.legacyEntries} entries rewritten; the new chain opens with the old head ${result.legacyHeadHash}`);
      } else {
        console.log(`audit-events: ${describeChain(chain)}: ${result.outcome}`);
      }
    }
  }
  console.log(migrated > 0 ? `Migrated ${migrated} chains.` : 'Nothing to migrate: the table is up to date.');
} catch (error) {
  console.error(`Migration stopped: ${(error as Error).message}. Run it again to resume.`);
  process.exitCode = 1;
} finally {
  await table.close();
}
