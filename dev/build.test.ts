// The build refuses a bundle that would carry development-only code into a Lambda function.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from './build';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'rete-build-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('the function build', () => {
  it('fails when a function imports the development token issuer', async () => {
    const entry = join(folder, 'handler.ts');
    await writeFile(entry, `export { createDevIssuer as handler } from ${JSON.stringify(resolve('dev/dev-issuer.ts'))};\n`);

    const failure = await bundle('leaky', entry, join(folder, 'out')).then(() => undefined, (error: Error) => error.message);

    expect(failure).toMatch(/^Development-only code in the leaky bundle: /);
    expect(failure).toContain('dev/dev-issuer.ts');
    expect(failure).toMatch(/node_modules\/jose\//);
  });

  it('measures a clean bundle: its entry first, what a cold start loads within the whole', async () => {
    const entry = join(folder, 'clean.ts');
    await writeFile(entry, `export const handler = async () => (await import('node:zlib')).gzipSync('x').length;\n`);

    const figures = await bundle('clean', entry, join(folder, 'clean'));

    expect(figures.files[0]).toBe('index.mjs');
    expect(figures.coldStartBytes).toBeGreaterThan(0);
    expect(figures.coldStartBytes).toBeLessThanOrEqual(figures.bytes);
  });
});
