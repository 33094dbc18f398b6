import { describe, expect, it } from 'vitest';
import type { Export } from '../domain/export';
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
