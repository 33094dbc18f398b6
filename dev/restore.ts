// `npm run restore -- --in pantacon.jsonl`: loads a backup into an empty table, after checking its
// checksum (creates the local table when it is missing). `--aws` writes the deployed table named
// by TABLE_NAME, which must be empty too.
import './quiet-sdk-warning';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isEmptyTable, parseBackup, writeItems } from '../shared/store/backup';
import { ensureTable } from '../shared/store/ensure-table';
import { openTable } from './local-table';

const { values } = parseArgs({ options: { in: { type: 'string' }, aws: { type: 'boolean', default: false } } });
if (!values.in) {
  console.error('Usage: npm run restore -- --in <file> [--aws]');
  process.exit(2);
}

const table = await openTable({ aws: values.aws });
try {
  const { header, items } = parseBackup((await readFile(values.in, 'utf8')).split('\n'));
  if (!values.aws && (await ensureTable(DynamoDBDocumentClient.from(table.client), table.tableName))) console.log(`Created table ${table.tableName}`);
  if (!(await isEmptyTable(table.client, table.tableName))) {
    throw new Error(`Table ${table.tableName} is not empty: restore into an empty table (locally, move .data/ away or set RETE_DATA_DIR)`);
  }
  console.log(`Restoring consortium ${header.consortiumId} (${items.length} items, backed up ${header.createdAt}) into ${table.tableName}…`);
  let shown = 0;
  await writeItems(table.client, table.tableName, items, (written) => {
    if (written - shown >= 500 || written === items.length) console.log(`  ${written}/${items.length}`);
    if (written - shown >= 500) shown = written;
  });
  console.log('Restored.');
} catch (error) {
  console.error(`Restore failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await table.close();
}
