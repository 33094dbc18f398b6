// The baselines of the request-overhead figures: the DynamoDB calls each measured route makes,
// sent by hand through the DocumentClient (keys from the store's key builders), with no
// framework, validation, authorisation or mapping around them.
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { eventOf, newEventId } from '../../shared/domain/audit';
import { addDays, calendarDateIn } from '../../shared/domain/clock';
import { auditRecord, eventItem } from '../../shared/store/audit';
import {
  deliverableKey, deliverablesOf, dueDateBound, logEntryKey, membersOf, openDeliverablesOf,
  openDeliverablesOfMember, projectCollection, projectsOf,
} from '../../shared/store/keys';
import { INDEXES } from '../../shared/store/table';

type Raw = { client: DynamoDBDocumentClient; tableName: string };

async function queryAll({ client, tableName }: Raw, input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, TableName: tableName, Limit: 1000, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const onIndex = (index: { name: string; partitionKey: string; sortKey: string }, partition: string, limit: number, sort?: { expression: string; values: Record<string, string> }) => ({
  IndexName: index.name,
  KeyConditionExpression: `#pk = :pk${sort ? ` AND ${sort.expression}` : ''}`,
  ExpressionAttributeNames: { '#pk': index.partitionKey, ...(sort ? { '#sk': index.sortKey } : {}) },
  ExpressionAttributeValues: { ':pk': partition, ...sort?.values },
  Limit: limit,
});

/** The overview's four Queries, in parallel: the summary collection, overdue, due soon, members. */
export async function rawOverview(raw: Raw, consortiumId: string, projectId: string, timeZone = 'Europe/Rome') {
  const today = calendarDateIn(new Date(), timeZone);
  const open = openDeliverablesOf(consortiumId, projectId).GSI2PK;
  const members = membersOf(consortiumId);
  return Promise.all([
    queryAll(raw, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': projectCollection(consortiumId, projectId).PK } }),
    raw.client.send(new QueryCommand({ TableName: raw.tableName, ...onIndex(INDEXES.byDueDate, open, 21, { expression: '#sk < :before', values: { ':before': dueDateBound.before(today) } }) })),
    raw.client.send(new QueryCommand({
      TableName: raw.tableName,
      ...onIndex(INDEXES.byDueDate, open, 21, { expression: '#sk BETWEEN :from AND :through', values: { ':from': dueDateBound.before(today), ':through': dueDateBound.through(addDays(today, 14)) } }),
    })),
    queryAll(raw, { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)', ExpressionAttributeValues: { ':pk': members.PK, ':prefix': members.skPrefix } }),
  ]);
}

/** A member's open deliverables: one Query of GSI3. */
export const rawMemberDeliverables = (raw: Raw, consortiumId: string, memberId: string, limit: number) =>
  raw.client.send(new QueryCommand({ TableName: raw.tableName, ...onIndex(INDEXES.byOwner, openDeliverablesOfMember(consortiumId, memberId).GSI3PK, limit) }));

/** A page of a project's deliverables: one Query of GSI1. */
export const rawDeliverablePage = (raw: Raw, consortiumId: string, projectId: string, limit: number) =>
  raw.client.send(new QueryCommand({ TableName: raw.tableName, ...onIndex(INDEXES.byParent, deliverablesOf(consortiumId, projectId).GSI1PK, limit) }));

/** A page of a consortium's projects: one Query of GSI1. */
export const rawProjectPage = (raw: Raw, consortiumId: string, limit: number) =>
  raw.client.send(new QueryCommand({ TableName: raw.tableName, ...onIndex(INDEXES.byParent, projectsOf(consortiumId).GSI1PK, limit) }));

/**
 * A progress log entry on an in-progress deliverable: read it, then one transaction of the log
 * entry and its audit event (keyed on its own; the percent follows when the event is sealed).
 */
export async function rawLogProgress(raw: Raw, ids: { consortiumId: string; projectId: string; deliverableId: string }, personId: string) {
  const { client, tableName } = raw;
  const chain = { consortiumId: ids.consortiumId, projectId: ids.projectId };
  const key = deliverableKey(ids.consortiumId, ids.projectId, ids.deliverableId);
  const { Item: deliverable } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  if (!deliverable) throw new Error(`no deliverable ${ids.deliverableId}`);
  const at = new Date().toISOString();
  const percent = (Number(deliverable.reportedPercent) + 1) % 100;
  const entryId = randomUUID();
  const after = { ...deliverable, reportedPercent: percent, updatedAt: at, version: Number(deliverable.version) + 1 };
  const { event } = eventOf(auditRecord({ personId, at }, 'deliverable', ids.deliverableId, 'log', deliverable, after), newEventId(at));
  const entryKey = logEntryKey(ids.consortiumId, ids.projectId, ids.deliverableId, at, entryId);
  const progress = { consortiumId: ids.consortiumId, projectId: ids.projectId, deliverableId: ids.deliverableId, at, percent };
  await client.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: { ...entryKey, itemType: 'LogEntry', id: entryId, deliverableId: ids.deliverableId, at, by: personId, type: 'progress', note: 'Benchmark progress', percent, evidence: [] },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        { Put: { TableName: tableName, Item: eventItem(chain, event, [{ progress }]), ConditionExpression: 'attribute_not_exists(PK)' } },
      ],
    }),
  );
}

/**
 * A progress log entry written by hand, as a store without audit or counters would: one PutItem of
 * the entry (the app's item and condition), no read of the deliverable, no event, nothing sealed.
 */
export async function rawAppendLogEntry(
  raw: Raw,
  ids: { consortiumId: string; projectId: string; deliverableId: string },
  entry: { personId: string; note: string; percent: number },
) {
  const at = new Date().toISOString();
  const id = randomUUID();
  await raw.client.send(
    new PutCommand({
      TableName: raw.tableName,
      Item: {
        ...logEntryKey(ids.consortiumId, ids.projectId, ids.deliverableId, at, id), itemType: 'LogEntry',
        id, deliverableId: ids.deliverableId, at, by: entry.personId, type: 'progress', note: entry.note, percent: entry.percent, evidence: [],
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}
