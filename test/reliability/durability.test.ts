// Durability of the local runtime: writes committed through the API, export files and evidence
// survive `kill -9` of the whole runtime (node and DynamoDB Local at once); the next start clears
// what the killed one left; a backup restored into an empty table is identical item for item.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR_PERSON_ID } from '../../dev/demo/demo-data';
import { freePort } from '../../dev/dynamodb-local';
import { writeFigures } from './figures';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const consortium = '/api/v1/consortia/pantacon';
const project = `${consortium}/projects/cultnetwork`;
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));
/** How long the test lets DynamoDB Local settle after the last write before the kill (see below). */
const DYNAMODB_LOCAL_SETTLE_MS = 1_000;

let dataDir: string;
let restoredDir: string;
let port: number;
let token = '';
const groups: number[] = [];
const figures: Record<string, unknown> = {};

/** The environment of a fresh user's command on `folder` (no TABLE_NAME: the local default). */
function envFor(folder: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, RETE_DATA_DIR: folder, ...extra };
  delete env.TABLE_NAME;
  return env;
}

/** `npm start` on its own data folder and port, in its own process group. */
async function start(): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'dev/start.ts'], {
    cwd: root, env: envFor(dataDir, { PORT: String(port) }), detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  groups.push(child.pid!);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await sleep(300)) {
    if (child.exitCode !== null) throw new Error(`dev/start.ts exited early:\n${output}`);
    const login = await fetch(`http://127.0.0.1:${port}/api/dev/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: COORDINATOR_PERSON_ID }),
    }).catch(() => undefined);
    if (login?.status === 200) {
      token = ((await login.json()) as { token: string }).token;
      return { child, output: () => output };
    }
  }
  throw new Error(`dev/start.ts did not answer within 90 s:\n${output}`);
}

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Runs a command-line tool (backup, restore) on a data folder; answers its exit code and output. */
function tool(script: string, args: string[], folder: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env: envFor(folder), encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

const isAlive = (pid: number) => spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim().replace(/^Z.*/, '') !== '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rete-durability-'));
  restoredDir = await mkdtemp(join(tmpdir(), 'rete-restored-'));
  port = await freePort();
});

afterAll(async () => {
  // The running start's DynamoDB Local lives in a process group of its own: stop it by its pid file.
  const dynamoPid = Number((await readFile(join(dataDir, 'dynamodb-local.pid'), 'utf8').catch(() => '')).trim());
  if (dynamoPid > 0 && spawnSync('ps', ['-o', 'args=', '-p', String(dynamoPid)], { encoding: 'utf8' }).stdout.includes(dataDir)) process.kill(dynamoPid, 'SIGKILL');
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  await writeFigures('durability', figures);
  await sleep(500);
  await rm(dataDir, { recursive: true, force: true });
  await rm(restoredDir, { recursive: true, force: true });
});

describe('durability of the local runtime', { timeout: 300_000 }, () => {
  const written: { memberId?: string; exportId?: string; exportFiles?: { name: string; sha256: string }[]; evidence?: { fileId: string; name: string }; deliverableId?: string } = {};

  it('keeps committed writes, export files and evidence across kill -9 of node and DynamoDB Local together', async () => {
    let startedAt = Date.now();
    const first = await start();
    figures['first start, seeding included (ms)'] = Date.now() - startedAt;

    const member = await call('POST', `${consortium}/members`, { name: 'Cooperativa Tenace', sector: 'theatre', orgId: 'IT-CF-55555555555' });
    expect(member.status, first.output()).toBe(201);
    written.memberId = member.body.id;

    const asked = await call('POST', `${project}/exports`, { formats: ['json', 'csv'], language: 'it' });
    expect(asked.status).toBe(202);
    let exported = asked.body;
    for (const deadline = Date.now() + 60_000; exported.status !== 'done' && Date.now() < deadline; await sleep(300)) {
      exported = (await call('GET', `${project}/exports/${asked.body.id}`)).body;
    }
    expect(exported.status).toBe('done');
    written.exportId = exported.id;
    written.exportFiles = exported.files.map((file: { name: string; sha256: string }) => ({ name: file.name, sha256: file.sha256 }));

    const { body: page } = await call('GET', `${project}/deliverables?phaseId=offer&limit=100`);
    const open = page.items.find((deliverable: { status: string }) => deliverable.status === 'in_progress');
    written.deliverableId = open.id;
    const form = await call('POST', `${project}/deliverables/${open.id}/evidence-uploads`, { fileName: 'verbale.pdf', contentType: 'application/pdf', size: 8 });
    expect(form.status).toBe(201);
    const upload = new FormData();
    for (const [name, value] of Object.entries(form.body.form.fields as Record<string, string>)) upload.append(name, value);
    upload.append('file', new Blob(['%PDF-1.7'], { type: 'application/pdf' }), 'verbale.pdf');
    expect((await fetch(form.body.form.url.replace('//localhost', '//127.0.0.1'), { method: 'POST', body: upload })).status).toBe(204);
    const logged = await call('POST', `${project}/deliverables/${open.id}/log`, { note: 'Verbale firmato', percent: 60, evidence: [form.body.evidence] });
    expect(logged.status).toBe(200);
    written.evidence = form.body.evidence;
    // DynamoDB Local (SQLite inside Java) was seen to lose the write it acknowledged last when killed
    // within milliseconds of it (about one run in six): the guarantee is for writes older than a moment.
    await sleep(DYNAMODB_LOCAL_SETTLE_MS);

    // The power cut: every process of the runtime at once, with no chance to flush or clean up.
    const dynamoPid = Number((await readFile(join(dataDir, 'dynamodb-local.pid'), 'utf8')).trim());
    process.kill(-first.child.pid!, 'SIGKILL');
    if (isAlive(dynamoPid)) process.kill(dynamoPid, 'SIGKILL');
    for (let waited = 0; waited < 5_000 && (isAlive(dynamoPid) || first.child.exitCode === null && first.child.signalCode === null); waited += 100) await sleep(100);
    expect(isAlive(dynamoPid)).toBe(false);
    expect(existsSync(join(dataDir, 'dynamodb-local.pid')), 'the killed run left its pid file').toBe(true);

    startedAt = Date.now();
    const second = await start();
    figures['restart after kill -9 (ms)'] = Date.now() - startedAt;
    expect(second.output()).toContain('Demo data present: reusing it');
    const newPid = Number((await readFile(join(dataDir, 'dynamodb-local.pid'), 'utf8')).trim());
    expect(newPid).not.toBe(dynamoPid);

    expect((await call('GET', `${consortium}/members/${written.memberId}`)).body).toMatchObject({ name: 'Cooperativa Tenace' });
    const again = await call('GET', `${project}/exports/${written.exportId}`);
    expect(again.body.status).toBe('done');
    for (const file of again.body.files as { name: string; sha256: string; downloadUrl: string }[]) {
      const download = await fetch(file.downloadUrl.replace('//localhost', '//127.0.0.1'));
      expect(download.status, file.name).toBe(200);
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(Buffer.from(await download.arrayBuffer())).digest('hex'), file.name).toBe(file.sha256);
    }
    expect(again.body.files.map((file: { name: string; sha256: string }) => ({ name: file.name, sha256: file.sha256 }))).toEqual(written.exportFiles);
    const evidence = await call('GET', `${project}/deliverables/${written.deliverableId}/evidence/${written.evidence!.fileId}`);
    expect(evidence.status).toBe(200);
    const file = await fetch(evidence.body.downloadUrl.replace('//localhost', '//127.0.0.1'));
    expect(await file.text()).toBe('%PDF-1.7');
  });

  it('backs the consortium up to a checksummed file and restores it into an empty table, identical item for item', async () => {
    const backup = join(dataDir, 'pantacon.jsonl');
    const made = tool('dev/backup.ts', ['--consortium', 'pantacon', '--out', backup], dataDir);
    expect(made.code, made.output).toBe(0);
    const lines = (await readFile(backup, 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'rete-backup/1', consortiumId: 'pantacon' });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ items: lines.length - 2, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    figures['backup items'] = lines.length - 2;
    figures['backup bytes'] = Buffer.byteLength(lines.join('\n'));

    // A damaged file is refused before anything is written.
    const damaged = join(dataDir, 'damaged.jsonl');
    await (await import('node:fs/promises')).writeFile(damaged, [...lines.slice(0, 5), lines[5]!.replace('pantacon', 'pantacom'), ...lines.slice(6)].join('\n'));
    const refused = tool('dev/restore.ts', ['--in', damaged], restoredDir);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('checksum does not match');

    const restored = tool('dev/restore.ts', ['--in', backup], restoredDir);
    expect(restored.code, restored.output).toBe(0);
    // Into a table that is no longer empty: refused.
    expect(tool('dev/restore.ts', ['--in', backup], restoredDir).output).toContain('is not empty');

    const roundTrip = join(restoredDir, 'again.jsonl');
    const remade = tool('dev/backup.ts', ['--consortium', 'pantacon', '--out', roundTrip], restoredDir);
    expect(remade.code, remade.output).toBe(0);
    const again = (await readFile(roundTrip, 'utf8')).trim().split('\n');
    expect(again.slice(1)).toEqual(lines.slice(1)); // every item and the checksum; only the header's date differs
  });
});
