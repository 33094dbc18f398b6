import { describe, expect, it } from 'vitest';
import type { Export } from '../domain/export';
import { EXPORTS_FAILED, METRICS_NAMESPACE, exportFailedMetric, writeMetric } from './export-metrics';
import { STALE_RUN_MS, deliveryOf } from './export-worker';
import { decodeExportMessage, encodeExportMessage } from './sqs-export-queue';

const exported = (status: Export['status'], updatedAt = '2026-11-23T10:00:00.000Z'): Export => ({
  id: 'e1', consortiumId: 'c', projectId: 'p', formats: ['csv'], language: 'en', status, progress: 0, files: [],
  requestedBy: 'someone', attempts: 1, version: 2, createdAt: '2026-11-23T09:59:00.000Z', updatedAt,
});
const at = (ms: number) => new Date(Date.parse('2026-11-23T10:00:00.000Z') + ms);

describe('what a delivery of an export message does', () => {
  it('runs a queued export', () => {
    expect(deliveryOf(exported('queued'), at(0))).toBe('run');
  });

  it('skips an export already done or failed: a second delivery changes nothing', () => {
    expect(deliveryOf(exported('done'), at(0))).toBe('skip');
    expect(deliveryOf(exported('failed'), at(0))).toBe('skip');
  });

  it('comes back later while another worker advances the export', () => {
    expect(deliveryOf(exported('running'), at(STALE_RUN_MS - 1))).toBe('later');
  });

  it('runs again an export whose worker stopped advancing it', () => {
    expect(deliveryOf(exported('running'), at(STALE_RUN_MS))).toBe('run');
  });
});

describe('export messages', () => {
  it('carry the export reference and nothing else', () => {
    const body = encodeExportMessage({ consortiumId: 'pantacon', projectId: 'cultnetwork', exportId: 's-2026-10', extra: 1 } as never);
    expect(JSON.parse(body)).toEqual({ consortiumId: 'pantacon', projectId: 'cultnetwork', exportId: 's-2026-10' });
    expect(decodeExportMessage(body)).toEqual({ consortiumId: 'pantacon', projectId: 'cultnetwork', exportId: 's-2026-10' });
  });

  it('refuse a body that is not an export reference, naming what is wrong', () => {
    expect(() => decodeExportMessage('not json')).toThrow('not JSON');
    expect(() => decodeExportMessage(JSON.stringify({ consortiumId: 'c', projectId: 'P#x' }))).toThrow(/projectId, exportId/);
  });
});

describe("the worker's signal of an export that failed for good", () => {
  const ref = { consortiumId: 'pantacon', projectId: 'cultnetwork', exportId: 'e1' };
  const line = exportFailedMetric('rete-prod-jobs-ExportWorker1A2B', ref, at(0));

  it('is one line of JSON that CloudWatch reads as one ExportsFailed point of that function', () => {
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trimEnd()).not.toContain('\n');
    const document = JSON.parse(line);
    expect(document._aws).toEqual({
      Timestamp: Date.parse('2026-11-23T10:00:00.000Z'),
      CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [['FunctionName']], Metrics: [{ Name: EXPORTS_FAILED, Unit: 'Count' }] }],
    });
    expect(document).toMatchObject({ FunctionName: 'rete-prod-jobs-ExportWorker1A2B', ExportsFailed: 1 });
  });

  it('names the export, for finding it from the log', () => {
    expect(JSON.parse(line)).toMatchObject({ level: 'error', message: 'Export failed for good', ...ref });
  });

  it('is written as it is, without the prefix Lambda adds to console lines', () => {
    const written: string[] = [];
    writeMetric(line, { write: (text: string) => written.push(text) });
    expect(written).toEqual([line]);
  });
});
