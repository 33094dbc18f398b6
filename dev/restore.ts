// `npm run restore -- --in pantacon.jsonl`: loads a backup into an empty table, after checking its
// checksum (creates the local table when it is missing), then replays the erasure register on it
// (docs/privacy.md). `--aws` writes the deployed table named by TABLE_NAME, which must be empty too,
// and reads the register from the bucket named by FILES_BUCKET.
import './quiet-sdk-warning';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock } from '../shared/api/system';
import { restoreBackup } from '../shared/jobs/restore';
import { createStore } from '../shared/store';
import { ensureTable } from '../shared/store/ensure-table';
import { openFiles } from './local-files';
import { openTable } from './local-table';

const { values } = parseArgs({ options: { in: { type: 'string' }, aws: { type: 'boolean', default: false } } });
if (!values.in) {
  console.error('Usage: npm run restore -- --in <file> [--aws]');
  process.exit(2);
}

const table = await openTable({ aws: values.aws });
try {
  const lines = (await readFile(values.in, 'utf8')).split('\n');
  const documents = DynamoDBDocumentClient.from(table.client);
  if (!values.aws && (await ensureTable(documents, table.tableName))) console.log(`Created table ${table.tableName}`);
  const target = { client: table.client, tableName: table.tableName, store: createStore(documents, table.tableName), files: await openFiles({ aws: values.aws }), clock: systemClock };
  console.log(`Restoring ${values.in} into ${table.tableName}…`);
  let shown = 0;
  const { header, items, erasuresReplayed } = await restoreBackup(target, lines, (written, total) => {
    if (written - shown >= 500 || written === total) console.log(`  ${written}/${total}`);
    if (written - shown >= 500) shown = written;
  });
  console.log(`Restored consortium ${header.consortiumId} (${items} items, backed up ${header.createdAt}); ${erasuresReplayed} erasures of the register replayed.`);
} catch (error) {
  console.error(`Restore failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await table.close();
}
