// The suite as `npm start` runs it, for the browser tests: dev/start.ts as a child process in its
// own process group, with its own data folder (never the developer's .data/), its own table and a
// free port; and Debian's Chromium, driven by playwright-core (no browser is downloaded).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../../dev/dynamodb-local';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const READY_WITHIN_MILLIS = 90_000;
export const CHROMIUM = '/usr/bin/chromium';

export interface Runtime {
  /** http://localhost:<port>: the origin the dashboard, the API and the file links share. */
  base: string;
  output(): string;
  stop(): Promise<void>;
}

const sleep = (millis: number) => new Promise((done) => setTimeout(done, millis));

export async function startRuntime(): Promise<Runtime> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rete-browser-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'dev/start.ts'], {
    cwd: root,
    env: { ...process.env, RETE_DATA_DIR: dataDir, PORT: String(port), TABLE_NAME: `rete-browser-${port}` },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const base = `http://localhost:${port}`;

  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGINT');
    } catch {
      // gone already
    }
    await Promise.race([exited, sleep(15_000)]);
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // stopped cleanly
    }
    // A DynamoDB Local that outlived its parent (recorded in the data folder) goes too.
    const pid = Number(await readFile(join(dataDir, 'dynamodb-local.pid'), 'utf8').catch(() => ''));
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // stopped with the group
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_WITHIN_MILLIS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${base}/api/dev/users`, { signal: AbortSignal.timeout(3_000) })
      .then(async (response) => (await response.text(), response.ok))
      .catch(() => false);
    if (ready) return { base, output: () => output, stop };
    await sleep(300);
  }
  await stop();
  throw new Error(`dev/start.ts did not serve ${base} within ${READY_WITHIN_MILLIS / 1000} s:\n${output}`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}
