// The sealer on AWS: the table's stream delivers each new audit event (an event-source filter keeps
// only those), and every chain a batch names is sealed. A chain that fails is reported with the
// first of its records, so that Lambda retries from there (partial batch response); sealing is
// idempotent, so a retried batch changes nothing already sealed. The lag from write to sealing is
// written as an embedded metric (SealingLag, milliseconds) for the alarms and the dashboard.
import type { Db } from '../store/db';
import { chainIdOf, type AuditChain } from '../store/keys';
import { sealerStore } from '../store/sealer';
import { FUNCTION_DIMENSION, METRICS_NAMESPACE } from './export-metrics';

export const SEALING_LAG = 'SealingLag';

/** The part of a DynamoDB stream record the sealer reads. */
export interface StreamRecord {
  eventName?: string;
  dynamodb?: { SequenceNumber?: string; NewImage?: Record<string, { S?: string } | undefined> };
}

/** The chains a batch of records names, each with the sequence number of its first record. Pure. */
export function chainsOfRecords(records: StreamRecord[]): { chain: AuditChain; firstSequence: string }[] {
  const chains = new Map<string, { chain: AuditChain; firstSequence: string }>();
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    const consortiumId = image?.chainConsortiumId?.S;
    if (record.eventName !== 'INSERT' || image?.itemType?.S !== 'AuditEvent' || !consortiumId) continue;
    const projectId = image.chainProjectId?.S;
    const chain = { consortiumId, ...(projectId ? { projectId } : {}) };
    if (!chains.has(chainIdOf(chain))) chains.set(chainIdOf(chain), { chain, firstSequence: String(record.dynamodb?.SequenceNumber) });
  }
  return [...chains.values()];
}

/** The EMF line of one sealing's lag figures (count, p50-style values left to CloudWatch). Pure. */
export function sealingLagMetric(functionName: string, lagMillis: number[], at: Date): string {
  return `${JSON.stringify({
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [[FUNCTION_DIMENSION]], Metrics: [{ Name: SEALING_LAG, Unit: 'Milliseconds' }] }],
    },
    [FUNCTION_DIMENSION]: functionName,
    // EMF takes a list of values for one metric: each sealed event's lag.
    [SEALING_LAG]: lagMillis,
  })}\n`;
}

/** Seals the chains of a batch; answers the records to retry (the first of each failed chain). */
export async function sealStreamBatch(
  db: Db,
  records: StreamRecord[],
  report: { functionName: string; write: (line: string) => void; now?: () => Date },
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const sealer = sealerStore(db, report.now);
  const batchItemFailures: { itemIdentifier: string }[] = [];
  const lags: number[] = [];
  for (const { chain, firstSequence } of chainsOfRecords(records)) {
    try {
      const result = await sealer.sealChain(chain);
      lags.push(...result.lagMillis);
      if (result.unreadable.length > 0) console.error(JSON.stringify({ level: 'error', message: 'Unreadable audit events set aside', chain, events: result.unreadable }));
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', message: 'Sealing failed', chain, error: String(error) }));
      batchItemFailures.push({ itemIdentifier: firstSequence });
    }
  }
  if (lags.length > 0) report.write(sealingLagMetric(report.functionName, lags, (report.now ?? (() => new Date()))()));
  return { batchItemFailures };
}
