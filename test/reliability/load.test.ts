// Many clients for 30 s read-modify-write the same deliverables and attendance records over HTTP,
// each write carrying the version it read, retrying on 409 and 503: no update is lost, no 5xx but
// a 503 with Retry-After, under 1 % of writes, with DynamoDB's transaction conflicts simulated.
// Figures are printed and written to test-results/.
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../dev/dynamodb-local';
import { addDeliverable, createFixture, createTestApi, v1, COORDINATOR, type Fixture } from '../support/api';
import { installConflictHarness } from '../support/conflicts';
import { writeFigures } from './figures';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const CLIENTS_PER_KIND = 8;
const DELIVERABLES = 2;

// Sealing runs in the background, as the table's stream runs it on AWS: no write waits for it.
const api = await createTestApi('2026-11-23T09:00:00Z', { sealing: 'background' });
// Transactions in flight on one item cancel each other, as on AWS (DynamoDB Local never does).
const conflicts = installConflictHarness(api.table.client);
let fixture: Fixture;
let base = '';
let server: ReturnType<typeof serve>;
let token = '';

interface Target {
  name: string;
  read: string;
  write: string;
  method: 'POST' | 'PUT';
  body: (current: any) => unknown;
  /** The effect of one successful write on the state this target counts. */
  delta: (current: any) => number;
  successes: number;
  net: number;
}
const targets: Target[] = [];

const stats = { requests: 0, reads: 0, writes: 0, succeeded: 0, conflicts: 0, unavailable: 0, unavailableWithoutRetryAfter: 0, otherErrors: 0, retries: 0 };
const writeMillis: number[] = [];
const otherErrors: string[] = [];

async function http(method: string, path: string, body?: unknown) {
  stats.requests++;
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}

/** One client: read, write with the version read, retry on 409 (at once) and 503 (after Retry-After). */
async function client(target: Target, until: number) {
  while (Date.now() < until) {
    stats.reads++;
    const read = await http('GET', target.read);
    if (read.status !== 200) {
      otherErrors.push(`read ${target.name}: ${read.status} ${read.body?.detail}`);
      stats.otherErrors++;
      continue;
    }
    stats.writes++;
    const started = performance.now();
    const written = await http(target.method, target.write, target.body(read.body));
    writeMillis.push(performance.now() - started);
    if (written.status === 200 || written.status === 201) {
      stats.succeeded++;
      target.successes++;
      target.net += target.delta(read.body);
    } else if (written.status === 409) {
      stats.conflicts++;
      stats.retries++;
    } else if (written.status === 503) {
      stats.unavailable++;
      stats.retries++;
      if (!written.retryAfter) stats.unavailableWithoutRetryAfter++;
      await new Promise((resolve) => setTimeout(resolve, Number(written.retryAfter ?? 1) * 1000));
    } else {
      stats.otherErrors++;
      otherErrors.push(`write ${target.name}: ${written.status} ${written.body?.detail}`);
    }
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
};

beforeAll(async () => {
  fixture = await createFixture(api);
  token = await api.tokenFor(COORDINATOR);
  for (let index = 0; index < DELIVERABLES; index++) {
    const deliverable = await addDeliverable(api, fixture, { title: `Shared report ${index}` });
    const path = `${fixture.projectPath}/deliverables/${deliverable.id}`;
    targets.push({
      name: `deliverable ${deliverable.id}`, read: path, write: `${path}/log`, method: 'POST',
      body: (current) => ({ note: `Step after version ${current.version}`, percent: 10, version: current.version }),
      delta: () => 1, successes: 0, net: 0,
    });
  }
  const created = await api.call('POST', `${v1}/training`, { topic: 'fundraising', title: 'Raccolta fondi', projectId: fixture.project.id });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const path = created.body;
  const planned = await api.call('POST', `${v1}/training/${path.id}/sessions`, { date: '2026-11-02', hours: 4, trainer: 'Anna Neri', place: 'Mantova' });
  expect(planned.status, JSON.stringify(planned.body)).toBe(201);
  const session = planned.body;
  const held = await api.call('PATCH', `${v1}/training/${path.id}/sessions/${session.id}`, { version: 1, status: 'held' });
  expect(held.status, JSON.stringify(held.body)).toBe(200);
  for (const member of fixture.members.slice(0, DELIVERABLES)) {
    const record = `${v1}/training/${path.id}/sessions/${session.id}/attendance/${member.id}`;
    expect((await api.call('PUT', record, { people: 1, hours: 2 })).status).toBe(200);
    // people stays within 1–1000: up while below 900, then down.
    const step = (current: any) => (current.people < 900 ? 1 : -1);
    targets.push({
      name: `attendance of ${member.id}`, read: `${v1}/training/${path.id}/sessions/${session.id}/attendance?limit=100`, write: record, method: 'PUT',
      body: (current) => {
        const mine = current.items.find((item: any) => item.memberId === member.id);
        return { people: mine.people + step(mine), hours: 2, version: mine.version };
      },
      delta: (current) => step(current.items.find((item: any) => item.memberId === member.id)),
      successes: 0, net: 0,
    });
  }
  const port = await freePort();
  server = serve({ fetch: api.app.fetch, port, hostname: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await api.table.drop();
});

describe(`${CLIENTS_PER_KIND * 2} clients for ${SECONDS} s on the same records`, () => {
  it('lose no update, answer no 5xx but 503 with Retry-After, under 1 % of writes', { timeout: (SECONDS + 60) * 1000 }, async () => {
    const until = Date.now() + SECONDS * 1000;
    const deliverableTargets = targets.filter((target) => target.method === 'POST');
    const attendanceTargets = targets.filter((target) => target.method === 'PUT');
    await Promise.all([
      ...Array.from({ length: CLIENTS_PER_KIND }, (_, index) => client(deliverableTargets[index % deliverableTargets.length]!, until)),
      ...Array.from({ length: CLIENTS_PER_KIND }, (_, index) => client(attendanceTargets[index % attendanceTargets.length]!, until)),
    ]);

    const finals: Record<string, unknown> = {};
    for (const target of deliverableTargets) {
      // Every successful log is one entry. The first one started the work (planned to in progress,
      // version 2); the later ones are appends, which move the percent but not the version.
      const { body } = await api.call('GET', target.read);
      const entries = [];
      for (let cursor: string | null = null, first = true; first || cursor; first = false) {
        const page: { body: { items: unknown[]; nextCursor: string | null } } = await api.call('GET', `${target.read}/log?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
        entries.push(...page.body.items);
        cursor = page.body.nextCursor;
      }
      expect({ target: target.name, version: body.version, entries: entries.length }).toEqual({ target: target.name, version: target.successes > 0 ? 2 : 1, entries: target.successes });
      finals[target.name] = { successes: target.successes, version: body.version };
    }
    const { body: attendance } = await api.call('GET', attendanceTargets[0]!.read);
    for (const target of attendanceTargets) {
      const memberId = target.name.replace('attendance of ', '');
      const record = attendance.items.find((item: any) => item.memberId === memberId);
      expect({ target: target.name, people: record.people, version: record.version }).toEqual({ target: target.name, people: 1 + target.net, version: 1 + target.successes });
      finals[target.name] = { successes: target.successes, people: record.people };
    }

    const figures = {
      seconds: SECONDS, clients: CLIENTS_PER_KIND * 2, ...stats,
      transactionConflictsSimulated: conflicts.conflicts,
      writesPerSecond: Math.round(stats.writes / SECONDS),
      writeLatencyMillis: { p50: percentile(writeMillis, 50), p95: percentile(writeMillis, 95), p99: percentile(writeMillis, 99), max: percentile(writeMillis, 100) },
      unavailablePercentOfWrites: Number(((100 * stats.unavailable) / Math.max(1, stats.writes)).toFixed(2)),
      finals,
    };
    const file = await writeFigures('load', figures);
    console.log(`Load test figures (${file}):\n${JSON.stringify(figures, null, 2)}`);

    expect(otherErrors.slice(0, 5)).toEqual([]);
    expect(stats.unavailableWithoutRetryAfter).toBe(0);
    expect(stats.succeeded).toBeGreaterThan(0);
    expect(stats.unavailable / stats.writes).toBeLessThan(0.01);
  });
});
