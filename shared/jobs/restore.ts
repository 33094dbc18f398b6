// A restore from a backup: the items go into an empty table, then the erasure register is replayed
// on them, so that the restored table never serves a person erased after the backup was taken.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { isEmptyTable, parseBackup, writeItems, type BackupHeader } from '../store/backup';
import { replayErasures, type PrivacyJobDeps } from './privacy-job';

export interface RestoreTarget extends PrivacyJobDeps {
  client: DynamoDBClient;
  tableName: string;
}

export async function restoreBackup(
  target: RestoreTarget,
  lines: string[],
  onProgress?: (written: number, total: number) => void,
): Promise<{ header: BackupHeader; items: number; erasuresReplayed: number }> {
  const { header, items } = parseBackup(lines);
  if (!(await isEmptyTable(target.client, target.tableName))) {
    throw new Error(`Table ${target.tableName} is not empty: restore into an empty table (locally, remove .data/dynamodb/ or set RETE_DATA_DIR)`);
  }
  await writeItems(target.client, target.tableName, items, (written) => onProgress?.(written, items.length));
  const erasuresReplayed = await replayErasures(target, header.consortiumId);
  return { header, items: items.length, erasuresReplayed };
}
