// `npm run erasures:replay -- [--consortium <id>] [--aws]`: applies the erasure register again to a
// table (after an AWS point-in-time or backup restore into a new table, before it serves; `npm run
// restore` does it by itself). Idempotent: data already erased is left as it is.
import './quiet-sdk-warning';
import { parseArgs } from 'node:util';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock } from '../shared/api/system';
import { replayErasures } from '../shared/jobs/privacy-job';
import { createStore } from '../shared/store';
import { openFiles } from './local-files';
import { openTable } from './local-table';

const { values } = parseArgs({ options: { consortium: { type: 'string' }, aws: { type: 'boolean', default: false } } });

const table = await openTable({ aws: values.aws });
try {
  const store = createStore(DynamoDBDocumentClient.from(table.client), table.tableName);
  const replayed = await replayErasures({ store, files: await openFiles({ aws: values.aws }), clock: systemClock }, values.consortium);
  console.log(`${replayed} erasures of the register replayed on ${table.tableName}.`);
} catch (error) {
  console.error(`Replay failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await table.close();
}
