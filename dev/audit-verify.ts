// `npm run audit:verify -- --consortium pantacon [--project cultnetwork]`: recomputes an audit chain
// straight from the table and reports the first broken link of the sealed chain, the events written
// but not yet sealed (and any of them changed since), and events deleted before they were sealed
// (found from the items that name them, by a scan of the consortium's items). Exit code 1 when
// anything is wrong. Locally it uses the DynamoDB Local of a running `npm start`, or starts one on
// .data/ for the check; `--aws` reads the table named by TABLE_NAME in AWS_REGION.
import './quiet-sdk-warning';
import { parseArgs } from 'node:util';
import { createStore } from '../shared/store';
import { EVENT_STAMP } from '../shared/store/audit';
import { readConsortiumItems } from '../shared/store/backup';
import { documentClientOf } from '../shared/store/client';
import { describeChain } from '../shared/store/migrations';
import { openTable } from './local-table';

const { values } = parseArgs({
  options: {
    consortium: { type: 'string' },
    project: { type: 'string' },
    aws: { type: 'boolean', default: false },
  },
});
if (!values.consortium) {
  console.error('Usage: npm run audit:verify -- --consortium <id> [--project <id>] [--aws]');
  process.exit(2);
}

const table = await openTable({ aws: values.aws });
try {
  const store = createStore(documentClientOf(table.client), table.tableName);
  const chain = { consortiumId: values.consortium, projectId: values.project };
  const name = describeChain(chain);
  const result = await store.audit.verify(chain);
  // Only what names an event is read from the scanned items (in DynamoDB's own form).
  const items = (await readConsortiumItems(table.client, table.tableName, values.consortium)).map((item) => ({
    PK: item.PK?.S,
    SK: item.SK?.S,
    [EVENT_STAMP]: item[EVENT_STAMP]?.S,
  }));
  const missing = await store.audit.missingEvents(chain, items);
  if (result.firstBroken) {
    console.log(`The audit chain of ${name} is BROKEN at entry ${result.firstBroken.seq}: ${result.firstBroken.reason}.`);
    console.log(`${result.checked} entries before it verify.`);
  } else {
    console.log(`The sealed audit chain of ${name} verifies: ${result.checked} ${result.checked === 1 ? 'entry' : 'entries'}.`);
  }
  console.log(`Events written and not yet sealed: ${result.unsealed ?? 0}.`);
  for (const problem of result.problems ?? []) console.log(`  PROBLEM with pending event ${problem.eventId}: ${problem.reason}.`);
  for (const { eventId, item } of missing) console.log(`  DELETED before sealing: event ${eventId}, named by item ${item.PK} ${item.SK}.`);
  if (!result.valid || missing.length > 0) process.exitCode = 1;
} finally {
  await table.close();
}
