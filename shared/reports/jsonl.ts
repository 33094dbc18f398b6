// Snapshots travel as JSON Lines: one record a line, written and read as streams.
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { SnapshotRecord } from './snapshot';

export function toJsonLines(records: AsyncIterable<SnapshotRecord>): Readable {
  return Readable.from(
    (async function* () {
      for await (const record of records) yield `${JSON.stringify(record)}\n`;
    })(),
  );
}

export async function* fromJsonLines(input: Readable): AsyncGenerator<SnapshotRecord> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) if (line.length > 0) yield JSON.parse(line) as SnapshotRecord;
}
