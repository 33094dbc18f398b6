// Training paths, sessions and attendance through the API, with the totals kept in each write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recountTraining } from '../../shared/domain/training';
import { trainingSummaryFrom } from '../../shared/store/training';
import { CONSORTIUM, COORDINATOR, addPerson, createFixture, createTestApi, v1, type Fixture, type TestApi } from '../support/api';
import { installConflictHarness } from '../support/conflicts';

let api: TestApi;
let fixture: Fixture;
const MEMBER = 'member-alfa';
const OTHER_MEMBER = 'member-beta';
const FUNDER = 'funder-person';

beforeAll(async () => {
  api = await createTestApi();
  // Transactions in flight on one item cancel each other, as on AWS (DynamoDB Local never does).
  installConflictHarness(api.table.client);
  fixture = await createFixture(api);
  await addPerson(api, { id: MEMBER, consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[0].id });
  await addPerson(api, { id: OTHER_MEMBER, consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[1].id });
  await addPerson(api, { id: FUNDER, consortiumId: CONSORTIUM, role: 'funder', funderId: fixture.funder.id });
});
afterAll(() => api.table.drop());

const newPath = async (fields: Record<string, unknown> = {}) => {
  const response = await api.call('POST', `${v1}/training`, { topic: 'fundraising', title: 'Raccolta fondi', projectId: fixture.project.id, ...fields });
  if (response.status !== 201) throw new Error(`path: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

/** A session of `path`, held (today is 2026-11-23) unless dated later. */
const heldSession = async (path: { id: string }, fields: Record<string, unknown> = {}) => {
  const { body: session } = await api.call('POST', `${v1}/training/${path.id}/sessions`, { date: '2026-11-02', hours: 4, trainer: 'Anna Neri', place: 'Mantova', ...fields });
  const held = await api.call('PATCH', `${v1}/training/${path.id}/sessions/${session.id}`, { version: 1, status: 'held' });
  if (held.status !== 200) throw new Error(`hold: ${held.status} ${JSON.stringify(held.body)}`);
  return held.body;
};

const attend = (path: { id: string }, session: { id: string }, memberId: string, body: Record<string, unknown>, as?: string) =>
  api.call('PUT', `${v1}/training/${path.id}/sessions/${session.id}/attendance/${memberId}`, body, as ? { as } : {});

async function readAll(url: string) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await api.call('GET', `${url}${url.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** The path's totals recounted from its sessions and attendance as the API lists them. */
async function recount(path: { id: string }) {
  const sessions = await readAll(`${v1}/training/${path.id}/sessions`);
  const attendance = (await Promise.all(sessions.map((s) => readAll(`${v1}/training/${path.id}/sessions/${s.id}/attendance`)))).flat();
  return recountTraining(sessions, attendance);
}

describe('training paths', () => {
  it('plans and holds sessions, records attendance and keeps the totals of path, member and project', async () => {
    const path = await newPath();
    expect(path).toMatchObject({ topic: 'fundraising', projectId: fixture.project.id, version: 1 });
    const [alfa, beta] = fixture.members;
    const first = await heldSession(path, { hours: 4 });
    const second = await heldSession(path, { hours: 2.5, online: true, place: undefined });
    await api.call('POST', `${v1}/training/${path.id}/sessions`, { date: '2027-02-01', hours: 3, trainer: 'Anna Neri', online: true });

    expect((await attend(path, first, alfa.id, { people: 2, hours: 4 }, MEMBER)).status).toBe(200);
    expect((await attend(path, second, alfa.id, { people: 1, hours: 2 }, MEMBER)).status).toBe(200);
    const recorded = await attend(path, first, beta.id, { people: 3, hours: 3.5 });
    expect(recorded.body).toMatchObject({ people: 3, hours: 3.5, version: 1, recordedBy: 'testcoop-coordinator' });

    const { body: detail } = await api.call('GET', `${v1}/training/${path.id}`);
    expect(detail.totals).toEqual({
      sessions: 3, sessionsPlanned: 1, sessionsHeld: 2, sessionsCancelled: 0, hoursDelivered: 6.5,
      attendances: 3, participants: 6, personHours: 20.5, membersTakingPart: 2,
    });
    expect(detail.totals).toEqual(await recount(path));
    expect(detail.membersNotYetTakingPart).toEqual([fixture.members[2].id]);
    expect(detail.members.find((m: { memberId: string }) => m.memberId === alfa.id)).toEqual({
      memberId: alfa.id, sessionsAttended: 2, participants: 3, hoursAttended: 6, personHours: 10,
    });

    const { others, project } = await api.store.projects.collection(CONSORTIUM, fixture.project.id);
    const summary = trainingSummaryFrom(others, project.entity.partners.map((p) => p.memberId));
    expect(summary).toMatchObject({ paths: 1, sessionsHeld: 2, hoursDelivered: 6.5, participants: 6, personHours: 20.5, membersTakingPart: 2 });
    expect(summary.membersNotYetTakingPart).toEqual([fixture.members[2].id]);

    const { body: report } = await api.call('GET', `${v1}/training-members`);
    expect(report.members.find((m: { memberId: string }) => m.memberId === beta.id)).toMatchObject({ sessionsAttended: 1, personHours: 10.5, paths: 1 });
    expect(report.membersNotYetTakingPart).toContain(fixture.members[2].id);
  });

  it('changes and removes attendance with the version read, moving the totals back', async () => {
    const path = await newPath();
    const session = await heldSession(path);
    const memberId = fixture.members[1].id;
    await attend(path, session, memberId, { people: 2, hours: 4 });
    expect((await attend(path, session, memberId, { people: 1, hours: 4 })).status).toBe(409);
    expect((await attend(path, session, memberId, { people: 1, hours: 4, version: 7 })).status).toBe(409);
    const changed = await attend(path, session, memberId, { people: 1, hours: 3, version: 1 });
    expect(changed.body).toMatchObject({ people: 1, hours: 3, version: 2 });
    expect((await api.call('GET', `${v1}/training/${path.id}`)).body.totals).toMatchObject({ participants: 1, personHours: 3, membersTakingPart: 1 });

    const url = `${v1}/training/${path.id}/sessions/${session.id}/attendance/${memberId}`;
    expect((await api.call('DELETE', `${url}?version=1`)).status).toBe(409);
    expect((await api.call('DELETE', `${url}?version=2`)).status).toBe(204);
    const { body } = await api.call('GET', `${v1}/training/${path.id}`);
    expect(body.totals).toMatchObject({ attendances: 0, participants: 0, personHours: 0, membersTakingPart: 0 });
    expect(body.membersNotYetTakingPart).toContain(memberId);
  });

  it('records the names of who attended, changes them with the version, and counts people as before', async () => {
    const path = await newPath();
    const session = await heldSession(path);
    const memberId = fixture.members[0].id;
    const recorded = await attend(path, session, memberId, { people: 3, hours: 4, attendees: ['  Lucia Bassi ', 'Marco Po'] }, MEMBER);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ people: 3, attendees: ['Lucia Bassi', 'Marco Po'], version: 1 });
    const changed = await attend(path, session, memberId, { people: 2, hours: 4, attendees: ['Lucia Bassi', 'Anna Riva'], version: 1 }, MEMBER);
    expect(changed.body).toMatchObject({ people: 2, attendees: ['Lucia Bassi', 'Anna Riva'], version: 2 });
    const [listed] = await readAll(`${v1}/training/${path.id}/sessions/${session.id}/attendance`);
    expect(listed).toMatchObject({ memberId, people: 2, attendees: ['Lucia Bassi', 'Anna Riva'], version: 2 });
    expect((await api.call('GET', `${v1}/training/${path.id}`)).body.totals).toMatchObject({ participants: 2, personHours: 8 });

    // Left out, the names go: the record is replaced as sent.
    const unnamed = await attend(path, session, memberId, { people: 2, hours: 4, version: 2 }, MEMBER);
    expect(unnamed.body.attendees).toBeUndefined();
    const [again] = await readAll(`${v1}/training/${path.id}/sessions/${session.id}/attendance`);
    expect(again.attendees).toBeUndefined();
  });

  it('answers 400 naming attendees when more names than people, a name twice or an empty name is given, and writes nothing', async () => {
    const path = await newPath();
    const session = await heldSession(path);
    const cases: [string[], string][] = [
      [['Lucia Bassi', 'Marco Po', 'Anna Riva'], 'attendees'],
      [['Lucia Bassi', 'lucia bassi'], 'attendees.1'],
      [['  '], 'attendees.0'],
      [['x'.repeat(201)], 'attendees.0'],
    ];
    for (const [attendees, field] of cases) {
      const answer = await attend(path, session, fixture.members[0].id, { people: 2, hours: 1, attendees }, MEMBER);
      expect(answer.status, field).toBe(400);
      expect(answer.body.errors, field).toEqual([expect.objectContaining({ path: field })]);
    }
    const tooMany = await attend(path, session, fixture.members[0].id, { people: 2, hours: 1, attendees: ['A', 'B', 'C'] }, MEMBER);
    expect(tooMany.body.errors[0].message).toBe('gives 3 names for 2 people: at most one name per person');
    expect(await readAll(`${v1}/training/${path.id}/sessions/${session.id}/attendance`)).toEqual([]);
  });

  it("shows the names to coordinators and to the member itself, never to another member", async () => {
    const path = await newPath();
    const session = await heldSession(path);
    await attend(path, session, fixture.members[0].id, { people: 1, hours: 1, attendees: ['Lucia Bassi'] }, MEMBER);
    await attend(path, session, fixture.members[1].id, { people: 1, hours: 1, attendees: ['Marco Po'] }, OTHER_MEMBER);
    const url = `${v1}/training/${path.id}/sessions/${session.id}/attendance?limit=100`;
    const names = async (as: string) =>
      Object.fromEntries((await api.call('GET', url, undefined, { as })).body.items.map((a: { memberId: string; attendees?: string[] }) => [a.memberId, a.attendees ?? null]));
    expect(await names(COORDINATOR)).toEqual({ [fixture.members[0].id]: ['Lucia Bassi'], [fixture.members[1].id]: ['Marco Po'] });
    expect(await names(MEMBER)).toEqual({ [fixture.members[0].id]: ['Lucia Bassi'], [fixture.members[1].id]: null });
  });

  it('keeps distinct members exact when many attendances are recorded at once', async () => {
    const path = await newPath();
    const sessions = [await heldSession(path), await heldSession(path), await heldSession(path)];
    const answers = await Promise.all(
      sessions.flatMap((session) => fixture.members.map((member) => attend(path, session, member.id, { people: 2, hours: 3 }))),
    );
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    const { body } = await api.call('GET', `${v1}/training/${path.id}`);
    expect(body.totals).toEqual(await recount(path));
    expect(body.totals).toMatchObject({ attendances: 9, membersTakingPart: 3, personHours: 54 });
  });

  it('answers 409 to transitions the machine forbids and to attendance of sessions not held', async () => {
    const path = await newPath({ projectId: undefined });
    const held = await heldSession(path);
    const back = await api.call('PATCH', `${v1}/training/${path.id}/sessions/${held.id}`, { version: 2, status: 'planned' });
    expect(back.status).toBe(409);
    expect(back.body.detail).toMatch(/from held to planned/);
    const { body: future } = await api.call('POST', `${v1}/training/${path.id}/sessions`, { date: '2027-03-01', hours: 2, trainer: 'B', online: true });
    expect((await api.call('PATCH', `${v1}/training/${path.id}/sessions/${future.id}`, { version: 1, status: 'held' })).status).toBe(409);
    expect((await attend(path, future, fixture.members[0].id, { people: 1, hours: 2 })).status).toBe(409);
    const cancelled = await api.call('PATCH', `${v1}/training/${path.id}/sessions/${future.id}`, { version: 1, status: 'cancelled' });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await api.call('GET', `${v1}/training/${path.id}`)).body.totals).toMatchObject({ sessionsPlanned: 0, sessionsCancelled: 1, sessionsHeld: 1 });
  });

  it('names the field of bad input: negative hours, too many hours, unknown member, project or phase', async () => {
    const path = await newPath();
    const negative = await api.call('POST', `${v1}/training/${path.id}/sessions`, { date: '2026-11-01', hours: -3, trainer: 'A', online: true });
    expect(negative.status).toBe(400);
    expect(negative.body.errors).toEqual([expect.objectContaining({ path: 'hours' })]);
    const session = await heldSession(path, { hours: 2 });
    const tooLong = await attend(path, session, fixture.members[0].id, { people: 1, hours: 3 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ path: 'hours' })]);
    const nobody = await attend(path, session, 'nobody', { people: 1, hours: 1 });
    expect(nobody.status).toBe(400);
    expect(nobody.body.errors).toEqual([expect.objectContaining({ path: 'memberId', in: 'path' })]);
    const project = await api.call('POST', `${v1}/training`, { topic: 'other', title: 'X', projectId: 'noproject' });
    expect(project.body.errors).toEqual([expect.objectContaining({ path: 'projectId' })]);
    const phase = await api.call('POST', `${v1}/training`, { topic: 'other', title: 'X', projectId: fixture.project.id, phaseId: 'nophase' });
    expect(phase.body.errors).toEqual([expect.objectContaining({ path: 'phaseId' })]);
    const topic = await api.call('POST', `${v1}/training`, { topic: 'cooking', title: 'X' });
    expect(topic.body.errors).toEqual([expect.objectContaining({ path: 'topic' })]);
    expect((await api.call('GET', `${v1}/training/${path.id}`)).body.totals.attendances).toBe(0);
  });

  it('updates a path with the version read, and answers 409 to a stale one', async () => {
    const path = await newPath();
    const changed = await api.call('PATCH', `${v1}/training/${path.id}`, { version: 1, title: 'Fund raising', phaseId: fixture.phases[1].id });
    expect(changed.body).toMatchObject({ title: 'Fund raising', phaseId: fixture.phases[1].id, version: 2 });
    expect((await api.call('PATCH', `${v1}/training/${path.id}`, { version: 1, title: 'Again' })).status).toBe(409);
    const listed = await readAll(`${v1}/training`);
    expect(listed.find((p) => p.id === path.id)).toMatchObject({ title: 'Fund raising', version: 2 });
  });

  it('lets a member record only its own attendance and manage nothing, and a funder read only its projects’ paths', async () => {
    const path = await newPath();
    const session = await heldSession(path);
    expect((await attend(path, session, fixture.members[0].id, { people: 1, hours: 1 }, MEMBER)).status).toBe(200);
    expect((await attend(path, session, fixture.members[1].id, { people: 1, hours: 1 }, MEMBER)).status).toBe(403);
    expect((await api.call('GET', `${v1}/training/${path.id}`, undefined, { as: MEMBER })).status).toBe(200);
    expect((await api.call('POST', `${v1}/training`, { topic: 'other', title: 'X' }, { as: MEMBER })).status).toBe(403);
    expect((await api.call('PATCH', `${v1}/training/${path.id}/sessions/${session.id}`, { version: 2, trainer: 'X' }, { as: MEMBER })).status).toBe(403);
    expect((await api.call('GET', `${v1}/training`, undefined, { as: FUNDER })).status).toBe(403);
    const ofProject = await api.call('GET', `${fixture.projectPath}/training?limit=100`, undefined, { as: FUNDER });
    expect(ofProject.status).toBe(200);
    expect(ofProject.body.items.map((p: { id: string }) => p.id)).toContain(path.id);
  });

  it('leaves an audit entry in the consortium chain for every write', async () => {
    const path = await newPath();
    const session = await heldSession(path);
    await attend(path, session, fixture.members[0].id, { people: 1, hours: 1 }, MEMBER);
    const entries = (await api.call('GET', `${v1}/audit?limit=3`)).body.items;
    expect(entries.map((e: { entity: string; action: string; actor: string }) => [e.entity, e.action, e.actor])).toEqual([
      ['attendance', 'attend', MEMBER],
      ['training_session', 'held', 'testcoop-coordinator'],
      ['training_session', 'create', 'testcoop-coordinator'],
    ]);
    expect((await api.call('GET', `${v1}/audit/verification`)).body).toMatchObject({ valid: true });
  });

  it("keeps the attendees' names beside the chain: hashed in it, shown to the coordinator, and the chain verifies", async () => {
    const path = await newPath();
    const session = await heldSession(path);
    await attend(path, session, fixture.members[0].id, { people: 2, hours: 1, attendees: ['Lucia Bassi', 'Marco Po'] }, MEMBER);
    const chain = [];
    for await (const entry of api.store.audit.readChain({ consortiumId: CONSORTIUM })) chain.push(entry);
    const sealed = chain.at(-1)!;
    expect(sealed).toMatchObject({ entity: 'attendance', action: 'attend' });
    expect(sealed.changes.attendees).toEqual({ before: null, after: { personal: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(JSON.stringify(chain)).not.toContain('Lucia Bassi');
    const [listed] = (await api.call('GET', `${v1}/audit?limit=1`)).body.items;
    expect(listed.changes.attendees).toEqual({ before: null, after: ['Lucia Bassi', 'Marco Po'] });
    expect((await api.call('GET', `${v1}/audit/verification`)).body).toMatchObject({ valid: true });
  });
});
