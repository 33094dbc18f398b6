// `npm run migrate`: brings the table's stored format up to date, every migration in order, for
// every consortium (resumable and idempotent: a second run changes nothing; a run after a crash
// does what is left). Locally it uses the running `npm start`'s DynamoDB Local or starts one on
// .data/; `--aws` works on the deployed table named by TABLE_NAME.
//
// Migrations: `audit-events` rewrites audit chains of the format before events (entries appended
// in each write's transaction, personal values inside) as events of the current format, each
// chain opening with an entry that records the old chain's head hash; `person-index` adds to
// sealed entries the index keys by the person who acted and the person they are about.
import './quiet-sdk-warning';
import { parseArgs } from 'node:util';
import { createStore } from '../shared/store';
import { documentClientOf } from '../shared/store/client';
import { openTable } from './local-table';
import { runMigrations } from './migrations';

const { values } = parseArgs({ options: { aws: { type: 'boolean', default: false } } });

const table = await openTable({ aws: values.aws });
try {
  const store = createStore(documentClientOf(table.client), table.tableName);
  const migrated = await runMigrations(store, (line) => console.log(line));
  console.log(migrated > 0 ? `Migrated ${migrated} chains.` : 'Nothing to migrate: the table is up to date.');
} catch (error) {
  console.error(`Migration stopped: ${(error as Error).message}. Run it again to resume.`);
  process.exitCode = 1;
} finally {
  await table.close();
}
