// `npm run backup -- --consortium pantacon --out pantacon.jsonl`: every item of one consortium in a
// portable file (JSON Lines with a SHA-256 checksum; see shared/store/backup.ts). `--aws` reads the
// deployed table named by TABLE_NAME.
import './quiet-sdk-warning';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BACKUP_FORMAT, backupLines, readConsortiumItems } from '../shared/store/backup';
import { openTable } from './local-table';

const { values } = parseArgs({
  options: { consortium: { type: 'string' }, out: { type: 'string' }, aws: { type: 'boolean', default: false } },
});
if (!values.consortium || !values.out) {
  console.error('Usage: npm run backup -- --consortium <id> --out <file> [--aws]');
  process.exit(2);
}

const table = await openTable({ aws: values.aws });
try {
  console.log(`Reading consortium ${values.consortium} from table ${table.tableName}…`);
  const items = await readConsortiumItems(table.client, table.tableName, values.consortium);
  if (items.length === 0) throw new Error(`No items of consortium ${values.consortium} in table ${table.tableName}`);
  const lines = backupLines({ format: BACKUP_FORMAT, consortiumId: values.consortium, createdAt: new Date().toISOString() }, items);
  await writeFile(values.out, `${lines.join('\n')}\n`, { mode: 0o600 });
  console.log(`Wrote ${items.length} items to ${values.out} (checksum ${JSON.parse(lines.at(-1)!).sha256}).`);
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await table.close();
}
