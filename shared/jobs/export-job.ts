// The export job: writes the snapshot once (JSON Lines, with its SHA-256), then builds every
// requested format from that snapshot alone, streaming into the file store. A job that dies midway
// runs again from the start and writes the same keys, so nothing is duplicated.
import { PassThrough } from 'node:stream';
import type { Clock } from '../domain/clock';
import type { Export, ExportFile } from '../domain/export';
import type { FileStore } from '../files/file-store';
import { exportFileKey } from '../files/layout';
import { loadFormatFiles } from '../reports/formats';
import { fromJsonLines, toJsonLines } from '../reports/jsonl';
import type { SnapshotSource } from '../reports/snapshot';
import type { Store } from '../store';
import { readSnapshot } from './snapshot-reader';

export interface ExportJobDeps {
  store: Store;
  files: FileStore;
  clock: Clock;
}

/** Which export to run: what a queue message carries. */
export interface ExportRef {
  consortiumId: string;
  projectId: string;
  exportId: string;
}

export async function runExport(deps: ExportJobDeps, ref: ExportRef): Promise<Export> {
  const { store, files, clock } = deps;
  const now = () => clock.now().toISOString();
  let current = await store.exports.get(ref.consortiumId, ref.projectId, ref.exportId);
  if (current.status === 'done') return current;
  current = await store.exports.advance(current, { status: 'running', progress: 0, attempts: current.attempts + 1 }, now());
  try {
    const keyOf = (name: string) => exportFileKey('unsubmitted', ref, name);
    const snapshotKey = keyOf('snapshot.jsonl');
    let asOf = '';
    const records = (async function* () {
      for await (const record of readSnapshot(store, current, clock)) {
        if (record.kind === 'header') asOf = record.asOf;
        yield record;
      }
    })();
    const snapshot = await files.put(snapshotKey, toJsonLines(records), 'application/x-ndjson');
    current = await store.exports.advance(
      current,
      { snapshot: { key: snapshotKey, size: snapshot.size, sha256: snapshot.sha256, asOf }, progress: 10 },
      now(),
    );

    const source: SnapshotSource = () =>
      (async function* () {
        const { body } = await files.get(snapshotKey);
        yield* fromJsonLines(body);
      })();
    // Only the requested formats' builders are loaded (each is a chunk of its own in the bundle).
    const wanted = await loadFormatFiles(current.formats);
    const written: ExportFile[] = [];
    for (const [index, { format, file }] of wanted.entries()) {
      const key = keyOf(file.name);
      const pipe = new PassThrough();
      const stored = files.put(key, pipe, file.contentType);
      await Promise.all([file.build(source, pipe, { snapshotSha256: snapshot.sha256 }).catch((error) => pipe.destroy(error)), stored]);
      const { size, sha256 } = await stored;
      written.push({ format, name: file.name, key, contentType: file.contentType, size, sha256 });
      current = await store.exports.advance(current, { progress: 10 + Math.round((90 * (index + 1)) / wanted.length) }, now());
    }
    return await store.exports.advance(current, { status: 'done', progress: 100, files: written, finishedAt: now() }, now());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(JSON.stringify({ level: 'error', message: 'Export failed', ...ref, reason, stack: (error as Error)?.stack }));
    const latest = await store.exports.get(ref.consortiumId, ref.projectId, ref.exportId);
    return store.exports.advance(latest, { status: 'failed', failureReason: reason.slice(0, 500), finishedAt: now() }, now());
  }
}
