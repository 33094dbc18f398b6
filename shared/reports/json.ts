// The JSON export: the snapshot itself as one document, versioned by `schemaVersion`.
import type { Writable } from 'node:stream';
import { SNAPSHOT_SCHEMA_VERSION, type SnapshotSource } from './snapshot';
import { write, finish } from './streams';

export async function buildJson(source: SnapshotSource, out: Writable): Promise<void> {
  await write(out, `{"schemaVersion":${SNAPSHOT_SCHEMA_VERSION},"records":[\n`);
  let first = true;
  for await (const record of source()) {
    await write(out, `${first ? '' : ',\n'}${JSON.stringify(record)}`);
    first = false;
  }
  await write(out, '\n]}\n');
  await finish(out);
}
