// Lambda entry of the sealer: the table's stream, filtered to new audit events, in batches. Each
// chain a batch names is sealed (linked into its hash chain, its counters and summaries brought up
// to date); a chain that failed is retried from its first record (partial batch responses).
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { loadSealerConfig } from '../../shared/jobs/config';
import { writeMetric } from '../../shared/jobs/export-metrics';
import { sealStreamBatch, type StreamRecord } from '../../shared/jobs/seal-stream';
import { createDocumentClient } from '../../shared/store/client';
import { Db } from '../../shared/store/db';

const config = loadSealerConfig(process.env);
const db = new Db(createDocumentClient({ region: config.region, endpoint: config.dynamoEndpoint }), config.tableName);

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  return sealStreamBatch(db, event.Records as StreamRecord[], { functionName: config.functionName, write: (line) => writeMetric(line) });
}
