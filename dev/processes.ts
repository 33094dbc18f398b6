// Remembers the DynamoDB Local process of `npm start` in a pid file, and stops one a killed run left behind.
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** True while `pid` is a live (not zombie) DynamoDB Local; a reused pid of another program is not. */
function isDynamoDbLocal(pid: number): boolean {
  try {
    const [state = '', ...command] = execFileSync('ps', ['-p', String(pid), '-o', 'stat=,command='], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
    return !state.startsWith('Z') && command.join(' ').includes('DynamoDBLocal');
  } catch {
    return false; // no such process
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // It exited meanwhile: nothing left to stop.
  }
}

/** Stops the DynamoDB Local that a killed run of this data folder left behind, if it still runs. */
export async function stopLeftover(dataDir: string, log: (message: string) => void): Promise<void> {
  const pid = Number((await readFile(runtimeFiles(dataDir).pid, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(pid) && pid > 0 && isDynamoDbLocal(pid)) {
    log(`Stopping DynamoDB Local left over from an earlier run (pid ${pid})`);
    signal(pid, 'SIGTERM');
    for (let waited = 0; waited < 5000 && isDynamoDbLocal(pid); waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (isDynamoDbLocal(pid)) signal(pid, 'SIGKILL');
  }
  await forgetProcess(dataDir);
}

/** The files that describe the running DynamoDB Local of a data folder: its pid, and its URL for tools. */
export const runtimeFiles = (dataDir: string) => ({
  pid: join(dataDir, 'dynamodb-local.pid'),
  endpoint: join(dataDir, 'dynamodb-local.endpoint'),
});

export async function rememberProcess(dataDir: string, spawned: { pid: number | undefined; endpoint: string }) {
  const files = runtimeFiles(dataDir);
  if (spawned.pid !== undefined) await writeFile(files.pid, `${spawned.pid}\n`);
  await writeFile(files.endpoint, `${spawned.endpoint}\n`);
}

export async function forgetProcess(dataDir: string): Promise<void> {
  const files = runtimeFiles(dataDir);
  await Promise.all([rm(files.pid, { force: true }), rm(files.endpoint, { force: true })]);
}

/** The URL of the DynamoDB Local that `npm start` runs on this data folder, if one runs. */
export async function runningEndpoint(dataDir: string): Promise<string | undefined> {
  const files = runtimeFiles(dataDir);
  const pid = Number((await readFile(files.pid, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isDynamoDbLocal(pid)) return undefined;
  return (await readFile(files.endpoint, 'utf8').catch(() => '')).trim() || undefined;
}
