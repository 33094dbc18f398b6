// `npm start` as a new user sees it: the real local runtime (dev/start.ts) as a child process in its
// own process group, with its data in a fresh temporary directory and the API on a free port, so
// the developer's .data/ is never touched. The tests run in order over one data directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR_PERSON_ID } from '../../dev/demo/demo-data';
import { freePort } from '../../dev/dynamodb-local';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const READY_WITHIN_MILLIS = 60_000;
const EXIT_WITHIN_MILLIS = 20_000;
const consortium = '/api/v1/consortia/pantacon';
const overviewPath = `${consortium}/projects/cultnetwork/overview`;

interface Runtime {
  child: ChildProcess;
  /** The process group: the node process is its leader, DynamoDB Local its member. */
  pgid: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let dataDir: string;
let port: number;
const started: Runtime[] = [];
const dynamoPids = new Set<number>();
let current: Runtime | undefined;

const pidFile = () => join(dataDir, 'dynamodb-local.pid');

function startRuntime(): Runtime {
  const env: NodeJS.ProcessEnv = { ...process.env, RETE_DATA_DIR: dataDir, PORT: String(port) };
  delete env.TABLE_NAME; // a new user does not set it
  const child = spawn(process.execPath, ['--import', 'tsx', 'dev/start.ts'], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('could not start dev/start.ts');
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const runtime: Runtime = { child, pgid: child.pid, output: () => output, exited };
  started.push(runtime);
  return runtime;
}

async function waitUntilReady(runtime: Runtime): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MILLIS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (runtime.child.exitCode !== null || runtime.child.signalCode !== null) {
      throw new Error(`dev/start.ts exited (${runtime.child.exitCode ?? runtime.child.signalCode}) before it was ready:\n${runtime.output()}`);
    }
    try {
      // Each start signs with a new key: log in again, as the demo coordinator.
      const login = await fetch(`http://127.0.0.1:${port}/api/dev/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: COORDINATOR_PERSON_ID }),
        signal: AbortSignal.timeout(5_000),
      });
      if (login.status === 200) token = ((await login.json()) as { token: string }).token;
      else await login.arrayBuffer();
      const response = await fetch(`http://127.0.0.1:${port}${overviewPath}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        signal: AbortSignal.timeout(5_000),
      });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`dev/start.ts did not serve the overview within ${READY_WITHIN_MILLIS / 1000} s (${last}):\n${runtime.output()}`);
}

async function start(): Promise<Runtime> {
  const runtime = startRuntime();
  current = runtime;
  await waitUntilReady(runtime);
  dynamoPids.add(await recordedDynamoPid());
  return runtime;
}

/** Ctrl-C in a terminal: SIGINT to the whole foreground process group. */
async function interrupt(runtime: Runtime) {
  process.kill(-runtime.pgid, 'SIGINT');
  return exitOf(runtime);
}

async function exitOf(runtime: Runtime) {
  const timeout = sleep(EXIT_WITHIN_MILLIS).then(() => {
    throw new Error(`dev/start.ts did not exit within ${EXIT_WITHIN_MILLIS / 1000} s:\n${runtime.output()}`);
  });
  return Promise.race([runtime.exited, timeout]);
}

async function recordedDynamoPid(): Promise<number> {
  const pid = Number((await readFile(pidFile(), 'utf8')).trim());
  expect(Number.isInteger(pid) && pid > 0, `pid file holds a pid: ${pid}`).toBe(true);
  return pid;
}

/** Whether `pid` still runs; an exited process its parent has not reaped yet (a zombie) does not. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const state = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
  return state !== '' && !state.startsWith('Z');
}

function isCompletelyGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

async function eventually(test: () => boolean, millis: number): Promise<boolean> {
  for (const deadline = Date.now() + millis; Date.now() < deadline; await sleep(100)) if (test()) return true;
  return test();
}

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

/** The demo coordinator's token from the running start's development login. */
let token: string | undefined;

async function call(method: string, path: string, body?: unknown, withToken = true) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(withToken && token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  const json: any = text ? JSON.parse(text) : undefined;
  return { status: response.status, body: json };
}

const withOutput = (runtime: Runtime | undefined) => (runtime ? `\n--- dev/start.ts output ---\n${runtime.output()}` : '');

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rete-local-runtime-'));
  port = await freePort();
});

afterAll(async () => {
  for (const runtime of started) {
    try {
      process.kill(-runtime.pgid, 'SIGKILL');
    } catch {
      // the group is gone already
    }
  }
  // Only the emulators still running: a pid reused by another program is left alone.
  for (const pid of dynamoPids) {
    const command = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).stdout;
    if (!command.includes('DynamoDBLocal') || !command.includes(dataDir)) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  await Promise.all(started.map((runtime) => Promise.race([runtime.exited, sleep(5_000)])));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the local runtime (npm start)', { timeout: 180_000 }, () => {
  let memberBeforeRestart: { id: string; name: string };
  let memberBeforeKill: { id: string; name: string };

  it('answers the demo overview with three phases and at least 20 deliverables within 60 s of starting', async () => {
    const startedAt = Date.now();
    const runtime = await start();
    expect(Date.now() - startedAt).toBeLessThan(READY_WITHIN_MILLIS);

    const overview = await call('GET', overviewPath);
    expect(overview.status, withOutput(runtime)).toBe(200);
    expect((await call('GET', overviewPath, undefined, false)).status).toBe(401);
    expect(overview.body.phases).toHaveLength(3);
    expect(overview.body.progress.deliverables).toBeGreaterThanOrEqual(20);
  });

  it('keeps data written through the API across a clean restart', async () => {
    const first = current!;
    const created = await call('POST', `${consortium}/members`, {
      name: 'Cooperativa Prova', sector: 'theatre', orgId: 'IT-CF-12345678901',
    });
    expect(created.status, JSON.stringify(created.body) + withOutput(first)).toBe(201);
    memberBeforeRestart = created.body;

    const exit = await interrupt(first);
    expect(exit, withOutput(first)).toEqual({ code: 0, signal: null });

    const second = await start();
    const read = await call('GET', `${consortium}/members/${memberBeforeRestart.id}`);
    expect(read.status, withOutput(second)).toBe(200);
    expect(read.body).toMatchObject({ id: memberBeforeRestart.id, name: 'Cooperativa Prova', sector: 'theatre', orgId: 'IT-CF-12345678901' });
    expect(second.output()).toContain('Demo data present: reusing it');
  });

  it('keeps data across a kill -9 of the Node process and stops the DynamoDB Local it left behind', async () => {
    const second = current!;
    const created = await call('POST', `${consortium}/members`, {
      name: 'Cooperativa Orfana', sector: 'music', orgId: 'IT-CF-12345678902',
    });
    expect(created.status, JSON.stringify(created.body) + withOutput(second)).toBe(201);
    memberBeforeKill = created.body;
    const leftover = await recordedDynamoPid();

    // Only the node process: DynamoDB Local lives on as an orphan, as after a crash.
    second.child.kill('SIGKILL');
    expect(await exitOf(second)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(isRunning(leftover), 'DynamoDB Local outlives the killed node process').toBe(true);

    const third = await start();
    expect(third.output()).toContain(`left over from an earlier run (pid ${leftover})`);
    expect(isRunning(leftover), `the leftover DynamoDB Local (pid ${leftover}) still runs${withOutput(third)}`).toBe(false);
    expect(await recordedDynamoPid()).not.toBe(leftover);

    for (const member of [memberBeforeRestart, memberBeforeKill]) {
      const read = await call('GET', `${consortium}/members/${member.id}`);
      expect(read.status, withOutput(third)).toBe(200);
      expect(read.body).toMatchObject({ id: member.id, name: member.name });
    }
    const overview = await call('GET', overviewPath);
    expect(overview.body.phases).toHaveLength(3);
  });

  it('leaves no DynamoDB Local process behind after Ctrl-C', async () => {
    const third = current!;
    const dynamoPid = await recordedDynamoPid();
    expect(isRunning(dynamoPid)).toBe(true);

    const exit = await interrupt(third);
    expect(exit, withOutput(third)).toEqual({ code: 0, signal: null });
    // dev/start.ts waits for its child and reaps it before exiting: not even a zombie remains.
    expect(await eventually(() => isCompletelyGone(dynamoPid), 2_000), `DynamoDB Local (pid ${dynamoPid}) still exists${withOutput(third)}`).toBe(true);
    expect(existsSync(pidFile()), 'pid file removed').toBe(false);
    expect(await eventually(() => isCompletelyGone(-third.pgid), 2_000), 'process group gone').toBe(true);
  });
});
