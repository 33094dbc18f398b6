// An app over a fresh test table, with a settable clock, readable ids, a token issuer, and a fixture.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevIssuer } from '../../dev/dev-issuer';
import { fileRoutes } from '../../dev/file-routes';
import { createApp } from '../../shared/api/app';
import { localDirectory } from '../../shared/auth/identities';
import { jwksVerifier } from '../../shared/auth/verifier';
import type { Clock } from '../../shared/domain/clock';
import type { Person, Role } from '../../shared/domain/person';
import { createDiskFileStore } from '../../shared/files/disk-store';
import { inProcessExportQueue } from '../../shared/jobs/export-queue';
import { outboxMailer } from '../../shared/mail/mailer';
import { personItem } from '../../shared/store/people';
import { createTestTable } from './table';

export interface TestClock extends Clock {
  set(instant: string): void;
}

export function testClock(start: string): TestClock {
  let now = new Date(start);
  return { now: () => new Date(now.getTime()), set: (instant) => (now = new Date(instant)) };
}

export const CONSORTIUM = 'testcoop';
export const v1 = `/api/v1/consortia/${CONSORTIUM}`;
/** The person every call acts as unless it says otherwise. */
export const COORDINATOR = `${CONSORTIUM}-coordinator`;

export interface CallOptions {
  headers?: Record<string, string>;
  /** The person to act as; `null` sends no token. */
  as?: string | null;
  /** A token to send as it is (bad tokens in tests). */
  token?: string;
}

export async function createTestApi(start = '2026-11-23T09:00:00Z', options: { sealing?: 'inline' | 'background' } = {}) {
  const clock = testClock(start);
  const table = await createTestTable({ sealing: options.sealing, now: clock.now });
  const issuer = await createDevIssuer('https://issuer.rete.test/dev');
  let counter = 0;
  const newId = () => `id${String(++counter).padStart(5, '0')}`;
  const filesRoot = await mkdtemp(join(tmpdir(), 'rete-test-files-'));
  const files = await createDiskFileStore({ root: filesRoot, baseUrl: 'http://localhost', clock });
  // Every mail the app sends, for the tests to read.
  const outbox = outboxMailer();
  const identities = localDirectory(() => `sub-${String(++counter).padStart(5, '0')}`);
  const exportQueue = inProcessExportQueue({ store: table.store, files, clock, identities, mailer: outbox });
  const app = createApp({
    store: table.store,
    clock,
    newId,
    verifier: jwksVerifier(issuer),
    identities,
    files,
    exportQueue,
    mailer: outbox,
  });
  // The disk store's links point at these routes, as in `npm start`.
  app.route('/api/files', fileRoutes(files));
  const tokens = new Map<string, string>();
  const tokenFor = async (personId: string) => {
    if (!tokens.has(personId)) tokens.set(personId, await issuer.sign(personId));
    return tokens.get(personId)!;
  };

  async function call(method: string, path: string, body?: unknown, options: CallOptions = {}) {
    const as = options.as === undefined ? COORDINATOR : options.as;
    const token = options.token ?? (as === null ? undefined : await tokenFor(as));
    const headers: Record<string, string> = {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    };
    const response = await app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    // Tests read arbitrary answers; the schemas they must match are checked where it matters.
    const json: any = text ? JSON.parse(text) : undefined;
    return { status: response.status, headers: response.headers, body: json };
  }

  const drop = async () => {
    await exportQueue.idle();
    await table.drop();
    await rm(filesRoot, { recursive: true, force: true });
  };

  return { app, table: { ...table, drop }, clock, call, issuer, tokenFor, store: table.store, files, exportQueue, outbox, newId, identities };
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** Puts a person's membership straight into the table (the first coordinator cannot be invited). */
export async function addPerson(
  api: TestApi,
  fields: { id: string; consortiumId: string; role: Role; memberId?: string; funderId?: string },
): Promise<Person> {
  const person: Person = {
    ...fields,
    email: `${fields.id}@example.org`,
    name: `Person ${fields.id}`,
    language: 'en',
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
  await api.store.db.putAll([personItem(person)]);
  return person;
}

/** A consortium and its coordinator, `<id>-coordinator`. */
export async function seedConsortium(api: TestApi, id: string) {
  await api.store.consortia.put({
    id, name: `Consortium ${id}`, orgId: 'IT-CF-00000000001', timeZone: 'Europe/Rome',
    language: 'en', version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
  });
  await addPerson(api, { id: `${id}-coordinator`, consortiumId: id, role: 'coordinator' });
}

/**
 * A consortium with three members, a funder, a project with all three as partners and two
 * phases (the first active), through the API itself.
 */
export async function createFixture(api: TestApi) {
  await seedConsortium(api, CONSORTIUM);
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
