// Size and SHA-256 of a stream, measured while it passes through.
import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';

export function measured(body: Buffer | Readable): { stream: Readable; result: () => { size: number; sha256: string } } {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new PassThrough({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
  source.on('error', (error) => meter.destroy(error));
  source.pipe(meter);
  let digest: string | undefined;
  return { stream: meter, result: () => ({ size, sha256: (digest ??= hash.digest('hex')) }) };
}
