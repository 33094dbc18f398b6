// The export worker's failure signal: a CloudWatch embedded-metric line (EMF) for each export that
// failed for good, which CloudWatch Logs turns into one data point of Rete/ExportsFailed for that
// function: no API call, no permission. The alarms stack alarms on it (infra/alarms-stack.ts).
import type { ExportRef } from './export-job';

export const METRICS_NAMESPACE = 'Rete';
export const EXPORTS_FAILED = 'ExportsFailed';
/** Each function's metrics apart: a stage's alarm never counts another stage's failures. */
export const FUNCTION_DIMENSION = 'FunctionName';

/** The EMF line (JSON and a newline) for one failed export, stamped `at`. Pure. */
export function exportFailedMetric(functionName: string, ref: ExportRef, at: Date): string {
  const document = {
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [[FUNCTION_DIMENSION]], Metrics: [{ Name: EXPORTS_FAILED, Unit: 'Count' }] }],
    },
    [FUNCTION_DIMENSION]: functionName,
    [EXPORTS_FAILED]: 1,
    // Kept beside the metric, for finding the export from the log.
    level: 'error',
    message: 'Export failed for good',
    ...ref,
  };
  return `${JSON.stringify(document)}\n`;
}

/**
 * Writes a metric line straight to stdout. Not console.log: Lambda's console prefixes each line with
 * the time, request id and level, and CloudWatch reads a metric only from a line that is all JSON.
 */
export function writeMetric(line: string, out: { write(line: string): unknown } = process.stdout): void {
  out.write(line);
}
