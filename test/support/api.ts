// An app over a fresh test table, with a settable clock and readable ids, and a small fixture.
import { createApp } from '../../shared/api/app';
import type { Clock } from '../../shared/domain/clock';
import { createTestTable } from './table';

export interface TestClock extends Clock {
  set(instant: string): void;
}

export function testClock(start: string): TestClock {
  let now = new Date(start);
  return { now: () => new Date(now.getTime()), set: (instant) => (now = new Date(instant)) };
}

export async function createTestApi(start = '2026-11-23T09:00:00Z') {
  const table = await createTestTable();
  const clock = testClock(start);
  let counter = 0;
  const newId = () => `id${String(++counter).padStart(5, '0')}`;
  const app = createApp({ store: table.store, clock, newId });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await app.request(path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    // Tests read arbitrary answers; the schemas they must match are checked where it matters.
    const json: any = text ? JSON.parse(text) : undefined;
    return { status: response.status, headers: response.headers, body: json };
  }

  return { app, table, clock, call, store: table.store };
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;

export const CONSORTIUM = 'testcoop';
export const v1 = `/api/v1/consortia/${CONSORTIUM}`;

/**
 * A consortium with three members, a funder, a project with all three as partners and two
 * phases (the first active), through the API itself.
 */
export async function createFixture(api: TestApi) {
  await api.store.consortia.put({
    id: CONSORTIUM, name: 'Test consortium', orgId: 'IT-CF-00000000001', timeZone: 'Europe/Rome',
    language: 'en', version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
  });
  const members = [];
  for (const [index, name] of ['Alfa', 'Beta', 'Gamma'].entries()) {
    const { body } = await api.call('POST', `${v1}/members`, {
      name: `Cooperativa ${name}`, sector: 'culture', orgId: `IT-CF-1000000000${index}`, status: 'active',
    });
    members.push(body);
  }
  const { body: funder } = await api.call('POST', `${v1}/funders`, {
    name: 'Fondazione Test', orgId: 'IT-CF-20000000000', programme: 'Good management in culture',
  });
  const { body: project } = await api.call('POST', `${v1}/projects`, {
    title: 'Test project', funderId: funder.id, call: 'Call 2026', grantCents: 30_000_000, cofinancingCents: 10_000_000,
    startDate: '2026-01-01', endDate: '2028-12-31', objectives: ['Work together'],
    partners: members.map((member, index) => ({
      memberId: member.id, role: index === 0 ? 'lead' : 'partner', budgetShareCents: 10_000_000,
    })),
  });
  const projectPath = `${v1}/projects/${project.id}`;
  const phases = [];
  for (const [index, title] of ['First', 'Second'].entries()) {
    const { body } = await api.call('POST', `${projectPath}/phases`, {
      order: index + 1, title, plannedStart: index === 0 ? '2026-01-01' : '2027-01-01', plannedEnd: index === 0 ? '2026-12-31' : '2027-12-31',
    });
    phases.push(body);
  }
  const activated = await api.call('PATCH', `${projectPath}/phases/${phases[0].id}`, { version: 1, status: 'active' });
  phases[0] = activated.body;
  return { members, funder, project, projectPath, phases };
}

export type Fixture = Awaited<ReturnType<typeof createFixture>>;

export async function addDeliverable(api: TestApi, fixture: Fixture, fields: Record<string, unknown> = {}) {
  const response = await api.call('POST', `${fixture.projectPath}/deliverables`, {
    phaseId: fixture.phases[0].id, ownerMemberId: fixture.members[0].id, title: 'A report', kind: 'report',
    dueDate: '2026-12-15', ...fields,
  });
  if (response.status !== 201) throw new Error(`fixture deliverable: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
