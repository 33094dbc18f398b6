// Remembers the DynamoDB Local process of `npm start` in a pid file, and stops one a killed run left behind.
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';

function commandOf(pid: number): string | undefined {
  try {
    return execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' }).trim();
  } catch {
    return undefined; // no such process
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops the DynamoDB Local recorded in `pidFile`, if it still runs; a reused pid of another program is left alone. */
export async function stopLeftover(pidFile: string, log: (message: string) => void): Promise<void> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (commandOf(pid)?.includes('DynamoDBLocal')) {
    log(`Stopping DynamoDB Local left over from an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGTERM');
    for (let waited = 0; waited < 5000 && isAlive(pid); waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  await rm(pidFile, { force: true });
}

export async function rememberPid(pidFile: string, pid: number | undefined): Promise<void> {
  if (pid !== undefined) await writeFile(pidFile, `${pid}\n`);
}
