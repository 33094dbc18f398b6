// Run by the exports section in a child process: exports one format of a project already in the
// table and prints the export's wall time and the process's peak resident memory while it ran.
// (test/support/export-memory-child.ts measures the same way, writing its own project first.)
import '../../dev/quiet-sdk-warning';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../shared/api/system';
import type { ExportFormat } from '../../shared/domain/export';
import { createDiskFileStore } from '../../shared/files/disk-store';
import { runExport } from '../../shared/jobs/export-job';
import { createStore } from '../../shared/store';
import { createDocumentClient } from '../../shared/store/client';
import { exportItem } from '../../shared/store/exports';

const [endpoint = '', tableName = '', consortiumId = '', projectId = '', format = 'csv'] = process.argv.slice(2);
const client = createDocumentClient({ region: 'eu-south-1', endpoint });
const store = createStore(client, tableName);
const root = await mkdtemp(join(tmpdir(), 'rete-bench-export-'));
const files = await createDiskFileStore({ root, baseUrl: 'http://localhost', clock: systemClock });
const at = new Date().toISOString();
const exportId = `e-bench-${format}-${Date.now()}`;
await store.db.putAll([
  exportItem({
    id: exportId, consortiumId, projectId, formats: [format as ExportFormat], language: 'it', status: 'queued', progress: 0, files: [],
    requestedBy: 'bench', attempts: 0, version: 1, createdAt: at, updatedAt: at,
  }),
]);

// The job reports progress 10 once the snapshot is read from the table and written: when it
// does tells reading apart from building the format.
let snapshotSeconds: number | undefined;
let started = performance.now();
const advance = store.exports.advance.bind(store.exports);
store.exports.advance = (current, changes, at) => {
  if (changes.progress === 10 && snapshotSeconds === undefined) snapshotSeconds = (performance.now() - started) / 1000;
  return advance(current, changes, at);
};

global.gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
started = performance.now();
const result = await runExport({ store, files, clock: systemClock }, { consortiumId, projectId, exportId });
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
await rm(root, { recursive: true, force: true });
client.destroy();
process.stdout.write(`${JSON.stringify({
  status: result.status, failureReason: result.failureReason, bytes: result.files.reduce((sum, f) => sum + f.size, 0),
  seconds, snapshotSeconds, peakRssMb: peak / 2 ** 20, baselineRssMb: baseline / 2 ** 20,
})}\n`);
