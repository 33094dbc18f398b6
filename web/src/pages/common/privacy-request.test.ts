// When the personal-data pages read their list of requests again.
import { describe, expect, it } from 'vitest';
import type { PrivacyRequest } from '../../api/types';
import { rereadIn } from './privacy-request';

const now = Date.parse('2026-12-07T10:00:00Z');
const request = (fields: Partial<PrivacyRequest>): PrivacyRequest => ({
  id: 'pr1', kind: 'export', status: 'done', requestedBy: 'p', createdAt: '2026-12-07T09:59:00Z', updatedAt: '2026-12-07T09:59:00Z', ...fields,
});

describe('rereadIn', () => {
  it('follows a request under way every few seconds', () => {
    expect(rereadIn([request({}), request({ status: 'running' })], now)).toBe(2_000);
    expect(rereadIn([request({ status: 'queued' })], now)).toBe(2_000);
  });

  it('renews a download link shortly before the first one expires', () => {
    const download = (at: string) => ({ url: 'https://files/x', expiresAt: at });
    expect(rereadIn([request({ download: download('2026-12-07T10:05:00Z') }), request({ download: download('2026-12-07T10:03:00Z') })], now)).toBe(160_000);
  });

  it('never renews more often than every 20 seconds, even with a clock ahead of the server', () => {
    expect(rereadIn([request({ download: { url: 'https://files/x', expiresAt: '2026-12-07T09:00:00Z' } })], now)).toBe(20_000);
  });

  it('reads nothing again when nothing changes by itself', () => {
    expect(rereadIn([request({ kind: 'erasure' }), request({ status: 'failed' })], now)).toBeUndefined();
    expect(rereadIn(undefined, now)).toBeUndefined();
  });
});
