// A fresh table per test file on the run's DynamoDB Local, and a store over it.
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '../../shared/store/client';
import { createStore } from '../../shared/store';
import { ensureTable } from '../../shared/store/ensure-table';
import { inProcessSealing } from '../../shared/jobs/sealing';

/**
 * How the table's audit events are sealed: `inline` (default) seals before each write answers, as
 * `npm start` does; `background` leaves it to `sealing.flush()` (the concurrency tests).
 */
export async function createTestTable(options: { sealing?: 'inline' | 'background'; now?: () => Date } = {}) {
  const endpoint = inject('dynamoEndpoint');
  const client = createDocumentClient({ region: 'eu-south-1', endpoint });
  const tableName = `rete-test-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  const store = createStore(client, tableName);
  const sealing = inProcessSealing(store.db, { mode: options.sealing ?? 'inline', now: options.now });
  return {
    client,
    endpoint,
    tableName,
    store,
    sealing,
    async drop() {
      await sealing.flush();
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
