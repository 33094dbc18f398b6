// Writes a test's measured figures to test-results/<name>.json (gitignored), for people to read.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const resultsDir = resolve(fileURLToPath(new URL('../..', import.meta.url)), 'test-results');

export async function writeFigures(name: string, figures: Record<string, unknown>): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name}.json`);
  await writeFile(path, `${JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2)}\n`);
  return path;
}
