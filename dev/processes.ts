// Remembers the DynamoDB Local process of `npm start` in a pid file, and stops one a killed run left behind.
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';

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

/** Stops the DynamoDB Local recorded in `pidFile`, if it still runs. */
export async function stopLeftover(pidFile: string, log: (message: string) => void): Promise<void> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(pid) && pid > 0 && isDynamoDbLocal(pid)) {
    log(`Stopping DynamoDB Local left over from an earlier run (pid ${pid})`);
    signal(pid, 'SIGTERM');
    for (let waited = 0; waited < 5000 && isDynamoDbLocal(pid); waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (isDynamoDbLocal(pid)) signal(pid, 'SIGKILL');
  }
  await rm(pidFile, { force: true });
}

export async function rememberPid(pidFile: string, pid: number | undefined): Promise<void> {
  if (pid !== undefined) await writeFile(pidFile, `${pid}\n`);
}
