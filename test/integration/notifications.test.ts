// Notifications through the API and the outbox: submissions tell coordinators, reviews tell the
// owning member's people, each in their language; the weekly digest goes out once per week.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runWeeklyDigest } from '../../shared/jobs/digest';
import { CONSORTIUM, COORDINATOR, addDeliverable, createFixture, createTestApi, v1, type Fixture, type TestApi } from '../support/api';

let api: TestApi;
let fixture: Fixture;
/** Invited people: a second coordinator in Italian, two people of the first member (en, it), one of the third. */
const people: Record<'coordinatorIt' | 'ownerEn' | 'ownerIt' | 'other', { id: string; email: string }> = {} as never;
const coordinatorEmail = `${COORDINATOR}@example.org`;

async function invite(email: string, language: 'it' | 'en', role: 'coordinator' | 'member', memberId?: string) {
  const { status, body } = await api.call('POST', `${v1}/people`, { email, name: email.split('@')[0], language, role, ...(memberId ? { memberId } : {}) });
  expect(status).toBe(201);
  return { id: body.id as string, email };
}

beforeAll(async () => {
  api = await createTestApi('2026-11-23T09:00:00Z');
  fixture = await createFixture(api);
  people.coordinatorIt = await invite('giulia@example.org', 'it', 'coordinator');
  people.ownerEn = await invite('owner.en@example.org', 'en', 'member', fixture.members[0].id);
  people.ownerIt = await invite('owner.it@example.org', 'it', 'member', fixture.members[0].id);
  people.other = await invite('other@example.org', 'it', 'member', fixture.members[2].id);
});
afterAll(() => api.table.drop());
beforeEach(() => api.outbox.clear());

const deliverablePath = (deliverable: { id: string }) => `${fixture.projectPath}/deliverables/${deliverable.id}`;
const notificationsOf = async (personId: string, query = '') => {
  const { status, body } = await api.call('GET', `${v1}/notifications${query}`, undefined, { as: personId });
  expect(status).toBe(200);
  return body;
};

describe('notifications of a deliverable', () => {
  it("tells each coordinator of a submission, in the coordinator's language", async () => {
    const deliverable = await addDeliverable(api, fixture, { title: 'Communication plan' });
    const submitted = await api.call('POST', `${deliverablePath(deliverable)}/submit`, { note: 'Done' }, { as: people.ownerEn.id });
    expect(submitted.status).toBe(200);

    expect(api.outbox.to(coordinatorEmail)).toEqual([
      expect.objectContaining({ subject: 'To review: Communication plan', language: 'en' }),
    ]);
    const [italian] = api.outbox.to(people.coordinatorIt.email);
    expect(italian).toMatchObject({ subject: 'Da rivedere: Communication plan', language: 'it' });
    expect(italian!.text).toContain(`/projects/${fixture.project.id}/deliverables/${deliverable.id}`);
    expect(api.outbox.sent.map((mail) => mail.to).sort()).toEqual([coordinatorEmail, people.coordinatorIt.email].sort());

    const { items } = await notificationsOf(COORDINATOR);
    expect(items[0]).toMatchObject({
      kind: 'deliverable_submitted', personId: COORDINATOR, consortiumId: CONSORTIUM, title: 'To review: Communication plan',
      link: `/projects/${fixture.project.id}/deliverables/${deliverable.id}`, createdAt: '2026-11-23T09:00:00.000Z',
    });
    expect(items[0].readAt).toBeUndefined();
    expect((await notificationsOf(people.ownerEn.id)).items).toEqual([]);
  });

  it('keeps its title and text in both languages, for a dashboard shown in the other one', async () => {
    const deliverable = await addDeliverable(api, fixture, { title: 'Visitor survey' });
    await api.call('POST', `${deliverablePath(deliverable)}/submit`, { note: 'Done' }, { as: people.ownerEn.id });
    const [note] = (await notificationsOf(people.coordinatorIt.id)).items;
    expect(note).toMatchObject({ title: 'Da rivedere: Visitor survey' });
    expect(note.translations.it.title).toBe(note.title);
    expect(note.translations.en).toMatchObject({ title: 'To review: Visitor survey', text: expect.stringContaining('waits for your review') });
  });

  it("tells the owning member's people of requested changes and of acceptance, each in their language", async () => {
    const deliverable = await addDeliverable(api, fixture, { title: 'Event report' });
    await api.call('POST', `${deliverablePath(deliverable)}/submit`, {}, { as: people.ownerIt.id });
    api.outbox.clear();

    const changes = await api.call('POST', `${deliverablePath(deliverable)}/review`, { decision: 'changes_requested', comment: 'Add the photos' });
    expect(changes.status).toBe(200);
    const [en] = api.outbox.to(people.ownerEn.email);
    const [it] = api.outbox.to(people.ownerIt.email);
    expect(en).toMatchObject({ subject: 'Changes requested: Event report', language: 'en' });
    expect(en!.text).toContain('Add the photos');
    expect(it).toMatchObject({ subject: 'Modifiche richieste: Event report', language: 'it' });
    expect(api.outbox.to(people.other.email)).toEqual([]);
    expect(api.outbox.to(coordinatorEmail)).toEqual([]);

    await api.call('POST', `${deliverablePath(deliverable)}/submit`, {}, { as: people.ownerIt.id });
    api.outbox.clear();
    expect((await api.call('POST', `${deliverablePath(deliverable)}/review`, { decision: 'accepted' })).status).toBe(200);
    expect(api.outbox.to(people.ownerEn.email).map((mail) => mail.subject)).toEqual(['Accepted: Event report']);
    expect(api.outbox.to(people.ownerIt.email).map((mail) => mail.subject)).toEqual(['Approvato: Event report']);

    const { items } = await notificationsOf(people.ownerIt.id);
    expect(items.slice(0, 2).map((note: { kind: string }) => note.kind)).toEqual(['deliverable_accepted', 'changes_requested']);
    expect((await notificationsOf(people.other.id)).items).toEqual([]);
  });

  it('answers the submission even when a mail fails, and keeps the notification', async () => {
    const deliverable = await addDeliverable(api, fixture, { title: 'Flyer' });
    const send = vi.spyOn(api.outbox, 'send').mockRejectedValueOnce(new Error('mail service down'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect((await api.call('POST', `${deliverablePath(deliverable)}/submit`, {}, { as: people.ownerEn.id })).status).toBe(200);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('Mail failed'));
    } finally {
      send.mockRestore();
      logged.mockRestore();
    }
    const titles = [...(await notificationsOf(COORDINATOR)).items, ...(await notificationsOf(people.coordinatorIt.id)).items].map((n: { title: string }) => n.title);
    expect(titles).toEqual(expect.arrayContaining(['To review: Flyer', 'Da rivedere: Flyer']));
  });
});

describe('reading notifications', () => {
  it('lists newest first a page at a time, and marks only your own as read', async () => {
    for (const title of ['First', 'Second']) {
      api.clock.set(new Date(api.clock.now().getTime() + 60_000).toISOString());
      const deliverable = await addDeliverable(api, fixture, { title });
      await api.call('POST', `${deliverablePath(deliverable)}/submit`, {}, { as: people.ownerEn.id });
    }
    const first = await notificationsOf(COORDINATOR, '?limit=1');
    expect(first.items.map((n: { title: string }) => n.title)).toEqual(['To review: Second']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await notificationsOf(COORDINATOR, `?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`);
    expect(second.items.map((n: { title: string }) => n.title)).toEqual(['To review: First']);

    const id = first.items[0].id;
    const byOther = await api.call('POST', `${v1}/notifications/read`, { notificationIds: [id] }, { as: people.coordinatorIt.id });
    expect(byOther.status).toBe(404);
    const read = await api.call('POST', `${v1}/notifications/read`, { notificationIds: [id] });
    expect(read.status).toBe(200);
    expect(read.body.items[0]).toMatchObject({ id, readAt: api.clock.now().toISOString() });
    expect((await notificationsOf(COORDINATOR, '?limit=1')).items[0].readAt).toBe(api.clock.now().toISOString());
    expect((await notificationsOf(people.coordinatorIt.id)).items.every((n: { readAt?: string }) => n.readAt === undefined)).toBe(true);
  });

  it('names the field when the ids are missing', async () => {
    const answer = await api.call('POST', `${v1}/notifications/read`, {});
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: 'notificationIds' })]);
  });
});

describe('the weekly digest', () => {
  it('goes once a week to each member person who wants it, with what is overdue or due within 14 days', async () => {
    api.clock.set('2026-11-23T09:00:00Z');
    await addDeliverable(api, fixture, { title: 'Late minutes', dueDate: '2026-11-10' });
    await addDeliverable(api, fixture, { title: 'Soon survey', dueDate: '2026-12-04' });
    await addDeliverable(api, fixture, { title: 'Far catalogue', dueDate: '2027-03-01' });
    const off = await api.call('PATCH', `${v1}/people/me/preferences`, { weeklyDigest: false }, { as: people.ownerIt.id });
    expect(off).toMatchObject({ status: 200, body: { weeklyDigest: false } });
    const deps = { store: api.store, mailer: api.outbox, clock: api.clock };

    const sent = await runWeeklyDigest(deps, CONSORTIUM);
    expect(sent.map((note) => note.personId)).toEqual([people.ownerEn.id]);
    expect(await runWeeklyDigest(deps, CONSORTIUM)).toEqual([]);
    expect(api.outbox.to(people.ownerIt.email)).toEqual([]);
    expect(api.outbox.to(people.other.email)).toEqual([]);
    const mails = api.outbox.to(people.ownerEn.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Weekly digest: \d+ deadlines$/);
    expect(mails[0]!.text).toContain('- Late minutes (Test project): overdue since 10 Nov 2026');
    expect(mails[0]!.text).toContain('- Soon survey (Test project): due on 4 Dec 2026');
    expect(mails[0]!.text).not.toContain('Far catalogue');
    const { items } = await notificationsOf(people.ownerEn.id);
    expect(items.filter((n: { kind: string }) => n.kind === 'weekly_digest')).toHaveLength(1);

    // Later the same ISO week (Sunday evening in Rome): nothing more.
    api.clock.set('2026-11-29T20:00:00Z');
    expect(await runWeeklyDigest(deps, CONSORTIUM)).toEqual([]);

    // A new week sends again, and a person who turns the digest back on gets it.
    api.clock.set('2026-11-30T07:00:00Z');
    await api.call('PATCH', `${v1}/people/me/preferences`, { weeklyDigest: true }, { as: people.ownerIt.id });
    const next = await runWeeklyDigest(deps, CONSORTIUM);
    expect(next.map((note) => note.personId).sort()).toEqual([people.ownerEn.id, people.ownerIt.id].sort());
    expect(api.outbox.to(people.ownerIt.email)[0]!.subject).toMatch(/^Riepilogo settimanale: \d+ scadenze$/);
  });
});
