// Writing to a stream with back-pressure: a builder waits when the reader is slower.
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export async function write(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export async function finish(out: Writable): Promise<void> {
  out.end();
  if (!out.writableFinished) await once(out, 'finish');
}
