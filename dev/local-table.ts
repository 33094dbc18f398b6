// The table the command-line tools work on: the running `npm start`'s DynamoDB Local, one started
// on .data/ for the command, or with `--aws` the deployed table named by TABLE_NAME.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { clientConfig } from '../shared/store/client';
import { startDynamoDbLocal, type RunningDynamoDb } from './dynamodb-local';
import { LOCAL_TABLE, dataDir } from './paths';
import { runningEndpoint } from './processes';

export async function openTable(options: { aws: boolean }) {
  let started: RunningDynamoDb | undefined;
  let endpoint: string | undefined;
  if (!options.aws) {
    endpoint = await runningEndpoint(dataDir);
    if (!endpoint) {
      await mkdir(join(dataDir, 'dynamodb'), { recursive: true });
      started = await startDynamoDbLocal({ dataPath: join(dataDir, 'dynamodb') });
      endpoint = started.endpoint;
    }
  }
  const tableName = options.aws ? process.env.TABLE_NAME : LOCAL_TABLE;
  if (!tableName) throw new Error('Set TABLE_NAME to the deployed table');
  const client = new DynamoDBClient(clientConfig({ region: process.env.AWS_REGION ?? 'eu-south-1', endpoint }));
  return {
    client,
    tableName,
    async close() {
      client.destroy();
      await started?.stop();
    },
  };
}
