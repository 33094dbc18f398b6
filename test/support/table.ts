// A fresh table per test file on the run's DynamoDB Local, and a store over it.
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '../../shared/store/client';
import { createStore } from '../../shared/store';
import { ensureTable } from '../../shared/store/ensure-table';

export async function createTestTable() {
  const endpoint = inject('dynamoEndpoint');
  const client = createDocumentClient({ region: 'eu-south-1', endpoint });
  const tableName = `rete-test-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  return {
    client,
    endpoint,
    tableName,
    store: createStore(client, tableName),
    async drop() {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
