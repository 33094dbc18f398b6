// `npm run audit:verify -- --consortium pantacon [--project cultnetwork]`: recomputes an audit chain
// straight from the table and reports the first broken link (exit code 1 when broken).
// Locally it uses the DynamoDB Local of a running `npm start`, or starts one on .data/ for the check;
// `--aws` reads the table named by TABLE_NAME in AWS_REGION with the usual AWS credentials.
import './quiet-sdk-warning';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { createDocumentClient } from '../shared/store/client';
import { createStore } from '../shared/store';
import { startDynamoDbLocal, type RunningDynamoDb } from './dynamodb-local';
import { LOCAL_TABLE, dataDir } from './paths';
import { runningEndpoint } from './processes';

const { values } = parseArgs({
  options: {
    consortium: { type: 'string' },
    project: { type: 'string' },
    aws: { type: 'boolean', default: false },
  },
});
if (!values.consortium) {
  console.error('Usage: npm run audit:verify -- --consortium <id> [--project <id>] [--aws]');
  process.exit(2);
}

let started: RunningDynamoDb | undefined;
let endpoint: string | undefined;
if (!values.aws) {
  endpoint = await runningEndpoint(dataDir);
  if (!endpoint) {
    started = await startDynamoDbLocal({ dataPath: join(dataDir, 'dynamodb') });
    endpoint = started.endpoint;
  }
}

try {
  const tableName = values.aws ? process.env.TABLE_NAME : LOCAL_TABLE;
  if (!tableName) throw new Error('Set TABLE_NAME to the deployed table');
  const client = createDocumentClient({ region: process.env.AWS_REGION ?? 'eu-south-1', endpoint });
  const store = createStore(client, tableName);
  const chain = { consortiumId: values.consortium, projectId: values.project };
  const name = values.project ? `project ${values.project}` : `consortium ${values.consortium}`;
  const result = await store.audit.verify(chain);
  if (result.valid) {
    console.log(`The audit chain of ${name} verifies: ${result.checked} ${result.checked === 1 ? 'entry' : 'entries'}.`);
  } else {
    console.log(`The audit chain of ${name} is BROKEN at entry ${result.firstBroken?.seq}: ${result.firstBroken?.reason}.`);
    console.log(`${result.checked} entries before it verify.`);
    process.exitCode = 1;
  }
  client.destroy();
} finally {
  await started?.stop();
}
