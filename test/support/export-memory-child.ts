// Run in a child process by the export scaling test: writes a synthetic project of N deliverables,
// exports it in the formats asked, and prints the peak resident memory of the export alone.
import '../../dev/quiet-sdk-warning';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticProject } from '../../dev/synthetic-project';
import { fixedClock } from '../../shared/domain/clock';
import type { ExportFormat } from '../../shared/domain/export';
import { createDiskFileStore } from '../../shared/files/disk-store';
import { runExport } from '../../shared/jobs/export-job';
import { createStore } from '../../shared/store';
import { createDocumentClient } from '../../shared/store/client';
import { ensureTable } from '../../shared/store/ensure-table';
import { exportItem } from '../../shared/store/exports';

const [endpoint = '', tableName = '', count = '1000', formats = 'json,csv'] = process.argv.slice(2);
const client = createDocumentClient({ region: 'eu-south-1', endpoint });
await ensureTable(client, tableName);
const store = createStore(client, tableName);
const clock = fixedClock('2026-11-23T09:00:00Z');
await writeSyntheticProject(store, { consortiumId: 'synthetic', projectId: 'big', deliverables: Number(count), logsPerDeliverable: 2 });

const root = await mkdtemp(join(tmpdir(), 'rete-export-memory-'));
const files = await createDiskFileStore({ root, baseUrl: 'http://localhost', clock });
const at = clock.now().toISOString();
await store.db.putAll([
  exportItem({
    id: 'e-memory', consortiumId: 'synthetic', projectId: 'big', formats: formats.split(',') as ExportFormat[], language: 'it',
    status: 'queued', progress: 0, files: [], requestedBy: 'test', attempts: 0, version: 1, createdAt: at, updatedAt: at,
  }),
]);

global.gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const started = Date.now();
const result = await runExport({ store, files, clock }, { consortiumId: 'synthetic', projectId: 'big', exportId: 'e-memory' });
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
await rm(root, { recursive: true, force: true });
client.destroy();
process.stdout.write(`${JSON.stringify({
  status: result.status, failureReason: result.failureReason, files: result.files.map((f) => ({ name: f.name, size: f.size })),
  peakRssMb: peak / 2 ** 20, baselineRssMb: baseline / 2 ** 20, extraMb: (peak - baseline) / 2 ** 20, seconds: (Date.now() - started) / 1000,
})}\n`);
