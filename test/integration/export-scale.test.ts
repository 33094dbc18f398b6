// Exports at scale: a 10 000-deliverable project exports in a child process whose peak memory
// stays within 1.5 times that of a 1 000-deliverable export, because every step streams.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { FORMAT_LOADERS } from '../../shared/reports/formats';
import type { ExportFormat } from '../../shared/domain/export';

const run = promisify(execFile);

/** Every format, PDF aside (its page layout is measured on its own). */
const formats = (Object.keys(FORMAT_LOADERS) as ExportFormat[]).filter((f) => f !== 'pdf');

async function exportInChild(deliverables: number) {
  const table = `rete-scale-${randomUUID().slice(0, 8)}`;
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'test/support/export-memory-child.ts', inject('dynamoEndpoint'), table, String(deliverables), formats.join(',')],
    { maxBuffer: 1024 * 1024, timeout: 300_000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    status: string; failureReason?: string; files: { name: string; size: number }[]; peakRssMb: number; seconds: number;
  };
}

describe('an export at scale', () => {
  it('completes for 10 000 deliverables within 1.5 times the memory of 1 000', { timeout: 600_000 }, async () => {
    const small = await exportInChild(1_000);
    const large = await exportInChild(10_000);
    expect(small.status, small.failureReason).toBe('done');
    expect(large.status, large.failureReason).toBe('done');
    const ratio = large.peakRssMb / small.peakRssMb;
    await mkdir('test-results', { recursive: true });
    await writeFile('test-results/export-memory.json', `${JSON.stringify({ formats, small, large, ratio }, null, 2)}\n`);
    expect(large.files.find((f) => f.name === 'deliverables.csv')!.size).toBeGreaterThan(small.files.find((f) => f.name === 'deliverables.csv')!.size * 5);
    expect(ratio).toBeLessThanOrEqual(1.5);
  });
});
