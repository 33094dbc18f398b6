// A consortium's items as a portable file: JSON Lines of DynamoDB's own attribute-value form (so
// that numbers, sets and binaries come back exactly), a header, and a footer with the SHA-256 of
// every item line. Backups Scan the table: an administrator's tool, never a request path.
import { BatchWriteItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { isConsortiumItem } from './keys';

export const BACKUP_FORMAT = 'rete-backup/1';

type RawItem = Record<string, AttributeValue>;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  consortiumId: string;
  createdAt: string;
}

export interface BackupFooter {
  items: number;
  sha256: string;
}

/** Every item of the consortium, in the table's raw form, in a stable order (by PK, then SK). */
export async function readConsortiumItems(client: DynamoDBClient, tableName: string, consortiumId: string): Promise<RawItem[]> {
  const items: RawItem[] = [];
  let start: RawItem | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) if (isConsortiumItem({ PK: item.PK?.S, SK: item.SK?.S, consortiumId: item.consortiumId?.S }, consortiumId)) items.push(item);
    start = page.LastEvaluatedKey;
  } while (start);
  const order = (item: RawItem) => `${item.PK?.S}\u0000${item.SK?.S}`;
  return items.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/** The SHA-256 of the item lines, each ended by a newline: what the footer records. */
function checksum(itemLines: string[]): string {
  const hash = createHash('sha256');
  for (const line of itemLines) hash.update(line).update('\n');
  return hash.digest('hex');
}

/** The backup file's lines: header, one item per line, footer with the items' count and hash. */
export function backupLines(header: BackupHeader, items: RawItem[]): string[] {
  const lines = items.map((item) => JSON.stringify(item));
  const footer: BackupFooter = { items: items.length, sha256: checksum(lines) };
  return [JSON.stringify(header), ...lines, JSON.stringify(footer)];
}

/** Reads a backup's lines back, checking format, count and checksum; throws naming what is wrong. */
export function parseBackup(lines: string[]): { header: BackupHeader; items: RawItem[] } {
  const content = lines.filter((line) => line.trim() !== '');
  if (content.length < 2) throw new Error('Not a backup: it needs a header and a footer line');
  const header = JSON.parse(content[0]!) as BackupHeader;
  if (header.format !== BACKUP_FORMAT) throw new Error(`Not a backup of format ${BACKUP_FORMAT}: ${String(header.format)}`);
  const footer = JSON.parse(content.at(-1)!) as BackupFooter;
  const itemLines = content.slice(1, -1);
  if (footer.items !== itemLines.length) throw new Error(`The backup says ${footer.items} items but holds ${itemLines.length}: it is truncated or altered`);
  if (footer.sha256 !== checksum(itemLines)) throw new Error('The checksum does not match: the backup is damaged or altered');
  return { header, items: itemLines.map((line) => JSON.parse(line) as RawItem) };
}

/** Writes items as they are, 25 per request, retrying what DynamoDB leaves unprocessed. */
export async function writeItems(client: DynamoDBClient, tableName: string, items: RawItem[], onProgress?: (written: number) => void) {
  for (let start = 0; start < items.length; start += 25) {
    let requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept items unprocessed; giving up');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
    onProgress?.(Math.min(items.length, start + 25));
  }
}

/** Whether the table holds no item at all: restores go into an empty table only. */
export async function isEmptyTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const page = await client.send(new ScanCommand({ TableName: tableName, Limit: 1 }));
  return (page.Items ?? []).length === 0 && !page.LastEvaluatedKey;
}
