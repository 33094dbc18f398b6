// Personal data on the demo: a person who logged progress, reported a cost with a document,
// attended and taught a training session, was named as a member's contact, a co-financing
// provider and an offer's client, got notifications, and was invited, updated and removed, is erased; a person's own
// data comes out as one file naming no one else; a restored backup is erased again; and every field
// docs/privacy.md lists is checked here.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR_PERSON_ID, DEMO_CONSORTIUM_ID, memberPersonId } from '../../dev/demo/demo-data';
import { funderPersonId } from '../../dev/demo/demo-people';
import { seedDemo } from '../../dev/demo/seed';
import { PERSONAL_DATA, isPseudonym } from '../../shared/domain/privacy';
import { documentKey, personalDataKey } from '../../shared/files/layout';
import { restoreBackup } from '../../shared/jobs/restore';
import { BACKUP_FORMAT, backupLines, readConsortiumItems } from '../../shared/store/backup';
import { isConsortiumItem } from '../../shared/store/keys';
import { createTestTable } from '../support/table';
import { createTestApi, seedConsortium } from '../support/api';

const api = await createTestApi('2026-11-23T09:00:00Z');
afterAll(() => api.table.drop());

const C = DEMO_CONSORTIUM_ID;
const v1 = `/api/v1/consortia/${C}`;
const project = `${v1}/projects/cultnetwork`;
const as = (personId: string) => ({ as: personId });
/** Calls as the demo's coordinator unless told otherwise. */
const call = (method: string, path: string, body?: unknown, options: { as?: string | null } = {}) => api.call(method, path, body, { as: COORDINATOR_PERSON_ID, ...options });

/** The person to erase, under both names they had, and someone who never signs in. */
const chiara = { name: 'Ottavia Quaranta', renamed: 'Ottavia M. Quaranta', email: 'ottavia.quaranta@example.org' };
const trainer = { name: 'Giulia Verdi', email: 'giulia.verdi@example.org' };

const ctx = {
  personId: '',
  memberId: '',
  deliverableId: '',
  trainingId: '',
  sessionId: '',
  otherSessionId: '',
  costId: '',
  contributionId: '',
  offerId: '',
  documentKey: '',
};

const text = (value: unknown) => JSON.stringify(value).toLowerCase();
const namesChiara = (value: unknown) => [chiara.name, chiara.renamed, chiara.email].some((needle) => text(value).includes(needle.toLowerCase()));
const namesTrainer = (value: unknown) => [trainer.name, trainer.email].some((needle) => text(value).includes(needle.toLowerCase()));

async function consortiumItems(table = api.table) {
  return (await readConsortiumItems(table.client, table.tableName, C)).filter((item) => isConsortiumItem({ PK: item.PK?.S, SK: item.SK?.S, consortiumId: item.consortiumId?.S }, C));
}

async function fileText(key: string) {
  const { body } = await api.files.get(key);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function runRequest(body: object, caller = COORDINATOR_PERSON_ID) {
  const asked = await call('POST', `${v1}/privacy/requests`, body, as(caller));
  expect(asked.status, JSON.stringify(asked.body)).toBe(202);
  await api.exportQueue.idle();
  const read = await call('GET', `${v1}/privacy/requests/${asked.body.id}`, undefined, as(caller));
  expect(read.body.status, read.body.failureReason).toBe('done');
  return read.body;
}

/** What the funder's figures are: the project's overview and money, as the API answers them. */
async function figures() {
  const overview = (await call('GET', `${project}/overview`)).body;
  const money = (await call('GET', `${project}/money`)).body;
  return { progress: overview.progress ?? overview.project?.progress ?? overview, money };
}

async function exportTotals() {
  const asked = await call('POST', `${project}/exports`, { formats: ['json', 'csv', 'iati', '360giving'], language: 'en' });
  expect(asked.status).toBe(202);
  await api.exportQueue.idle();
  const done = await api.store.exports.get(C, 'cultnetwork', asked.body.id);
  expect(done.status).toBe('done');
  const files = await Promise.all([...done.files.map((file) => file.key), done.snapshot!.key].map(async (key) => ({ key, text: await fileText(key) })));
  const costsCsv = files.find((file) => file.key.endsWith('costs.csv'))!.text.trim().split('\n');
  const amount = costsCsv[0]!.split(',').indexOf('amountCents');
  const totalCents = costsCsv.slice(1).reduce((sum, line) => sum + Number(line.split(',')[amount] ?? 0), 0);
  return { files, totalCents, costs: costsCsv.length - 1 };
}

let before: { figures: Awaited<ReturnType<typeof figures>>; totals: Awaited<ReturnType<typeof exportTotals>>; backup: string[] };

beforeAll(async () => {
  expect(await seedDemo(api.store, api.clock)).toBe('seeded');
  await seedConsortium(api, 'othercoop');

  // An open deliverable of cultnetwork: Chiara joins its owning member.
  const { body: page } = await call('GET', `${project}/deliverables?phaseId=offer&limit=100`);
  const open = page.items.find((d: { status: string }) => d.status === 'in_progress');
  ctx.deliverableId = open.id;
  ctx.memberId = open.ownerMemberId;

  const invited = await call('POST', `${v1}/people`, { email: chiara.email, name: chiara.name, language: 'it', role: 'member', memberId: ctx.memberId });
  expect(invited.status).toBe(201);
  ctx.personId = invited.body.id;
  const renamed = await call('PATCH', `${v1}/people/${ctx.personId}`, { name: chiara.renamed, version: invited.body.version });
  expect(renamed.status).toBe(200);
  // The same person in another consortium: one identity.
  const elsewhere = await call('POST', '/api/v1/consortia/othercoop/people', { email: chiara.email, name: chiara.name, language: 'it', role: 'coordinator' }, as('othercoop-coordinator'));
  expect(elsewhere.status).toBe(201);
  expect(elsewhere.body.id).toBe(ctx.personId);

  // She logs progress and submits; the coordinator asks for changes (a notification to her).
  const logged = await call('POST', `${project}/deliverables/${ctx.deliverableId}/log`, { note: 'Bozza del catalogo', percent: 80 }, as(ctx.personId));
  expect(logged.status).toBe(200);
  const submitted = await call('POST', `${project}/deliverables/${ctx.deliverableId}/submit`, { note: 'Pronto', version: logged.body.deliverable?.version ?? logged.body.version }, as(ctx.personId));
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const reviewed = await call('POST', `${project}/deliverables/${ctx.deliverableId}/review`, { decision: 'changes_requested', comment: 'Manca il budget', version: submitted.body.version });
  expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);

  // She reports a cost with a document: a freelance invoice of her own.
  const lines = (await call('GET', `${project}/budget`, undefined, as(ctx.personId))).body;
  const line = (lines.lines ?? lines.items).find((l: { memberId: string }) => l.memberId === ctx.memberId);
  const upload = await call('POST', `${project}/budget/lines/${line.id}/document-uploads`, { fileName: 'fattura.pdf', contentType: 'application/pdf', size: 4 }, as(ctx.personId));
  expect(upload.status).toBe(201);
  ctx.documentKey = documentKey({ consortiumId: C, projectId: 'cultnetwork', memberId: ctx.memberId }, upload.body.evidence);
  await api.files.put(ctx.documentKey, Buffer.from('%PDF'), 'application/pdf');
  const cost = await call('POST', `${project}/budget/lines/${line.id}/costs`, {
    date: '2026-11-02', description: 'Progettazione grafica', supplier: chiara.renamed, amountCents: 12_345, documents: [upload.body.evidence],
  }, as(ctx.personId));
  expect(cost.status, JSON.stringify(cost.body)).toBe(201);
  ctx.costId = cost.body.id;

  // She attends a held session, and taught another; a trainer who never signs in taught one too.
  const paths = (await call('GET', `${v1}/training?limit=100`)).body.items;
  for (const path of paths) {
    const sessions = (await call('GET', `${v1}/training/${path.id}/sessions?limit=100`)).body.items.filter((s: { status: string }) => s.status === 'held');
    if (sessions.length >= 2) {
      ctx.trainingId = path.id;
      ctx.sessionId = sessions[0].id;
      ctx.otherSessionId = sessions[1].id;
      break;
    }
  }
  expect(ctx.trainingId, 'the demo has a path with two held sessions').not.toBe('');
  const session = `${v1}/training/${ctx.trainingId}/sessions/${ctx.sessionId}`;
  const existing = (await call('GET', `${session}/attendance?limit=100`)).body.items.find((a: { memberId: string }) => a.memberId === ctx.memberId);
  const attended = await call('PUT', `${session}/attendance/${ctx.memberId}`, {
    people: 2, hours: 1, attendees: [chiara.renamed, 'Marco Neri'], ...(existing ? { version: existing.version } : {}),
  }, as(ctx.personId));
  expect(attended.status, JSON.stringify(attended.body)).toBeLessThan(300);
  const sessions = (await call('GET', `${v1}/training/${ctx.trainingId}/sessions?limit=100`)).body.items;
  for (const [id, name] of [[ctx.sessionId, trainer.name], [ctx.otherSessionId, chiara.name]] as const) {
    const current = sessions.find((s: { id: string }) => s.id === id);
    const changed = await call('PATCH', `${v1}/training/${ctx.trainingId}/sessions/${id}`, { trainer: name, version: current.version });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  }

  // Her e-mail is her cooperative's contact; she lent a hall as co-financing.
  const member = (await call('GET', `${v1}/members/${ctx.memberId}`)).body;
  expect((await call('PATCH', `${v1}/members/${ctx.memberId}`, { email: chiara.email, version: member.version })).status).toBe(200);
  const contribution = await call('POST', `${project}/cofinancing`, {
    memberId: ctx.memberId, kind: 'in_kind', providedBy: chiara.name, description: 'Sala prove', date: '2026-11-01', valueCents: 50_000,
  });
  expect(contribution.status, JSON.stringify(contribution.body)).toBe(201);
  ctx.contributionId = contribution.body.id;
  // And she was the client of an offer, as a private person.
  const offer = await call('POST', `${project}/offers`, {
    title: 'Visita guidata privata', format: 'guided tour', participants: [{ memberId: ctx.memberId, shareBasisPoints: 10_000 }], clientType: 'private', clientName: chiara.renamed, valueCents: 30_000,
  });
  expect(offer.status, JSON.stringify(offer.body)).toBe(201);
  ctx.offerId = offer.body.id;

  // Removed from the consortium: her records stay, and so does what names her.
  const current = (await call('GET', `${v1}/people/${ctx.personId}`)).body;
  expect((await call('DELETE', `${v1}/people/${ctx.personId}?version=${current.version}`)).status).toBe(204);

  const items = await consortiumItems();
  expect(items.filter(namesChiara).length, 'before the erasure, items name her').toBeGreaterThan(5);
  expect(api.outbox.to(chiara.email).length, 'mails went to her').toBeGreaterThan(0);
  before = {
    figures: await figures(),
    totals: await exportTotals(),
    backup: backupLines({ format: BACKUP_FORMAT, consortiumId: C, createdAt: api.clock.now().toISOString() }, await readConsortiumItems(api.table.client, api.table.tableName, C)),
  };
  expect(before.totals.files.some((file) => namesChiara(file.text)), 'an export before names her as a supplier').toBe(true);
}, 120_000);

describe('a person’s own data', () => {
  it('is one JSON file with what names them and no one else, through /me/data', async () => {
    const person = memberPersonId(ctx.memberId);
    const asked = await call('POST', '/api/v1/me/data', {}, as(person));
    expect(asked.status).toBe(202);
    await api.exportQueue.idle();
    const listed = await call('GET', '/api/v1/me/data', undefined, as(person));
    const done = listed.body.items.find((request: { id: string }) => request.id === asked.body.id);
    expect(done.status).toBe('done');
    expect(done.download.url).toMatch(/^http/);
    const file = JSON.parse(await fileText(personalDataKey(done.id)));
    expect(file.personId).toBe(person);
    const part = file.consortia.find((c: { consortiumId: string }) => c.consortiumId === C);
    const profile = await api.store.people.get(C, person);
    expect(part.profile).toMatchObject({ name: profile.name, email: profile.email, role: 'member' });
    const people = (await api.store.people.all(C)).filter((p) => p.id !== person);
    const mentions = people.flatMap((p) => [p.name, p.email]).filter((value) => text(file).includes(value.toLowerCase()));
    expect(mentions, 'the file names no one else').toEqual([]);
    // Someone else's list is theirs only.
    const others = await call('GET', '/api/v1/me/data', undefined, as(COORDINATOR_PERSON_ID));
    expect(others.body.items.map((r: { id: string }) => r.id)).not.toContain(asked.body.id);
  });

  it('for a coordinator: profile, log entries, costs, attendance, taught sessions, notifications and audit entries', async () => {
    // Before her erasure: Chiara's data as a coordinator asks for it (she was removed, and is still known).
    const request = await runRequest({ kind: 'export', personId: ctx.personId });
    const file = JSON.parse(await fileText(personalDataKey(request.id)));
    const part = file.consortia[0];
    expect(part.consortiumId).toBe(C);
    expect(part.logEntries.map((e: { note: string }) => e.note)).toEqual(expect.arrayContaining(['Bozza del catalogo', 'Pronto']));
    expect(part.costs.map((c: { id: string }) => c.id)).toEqual([ctx.costId]);
    expect(part.attendance[0]).toMatchObject({ sessionId: ctx.sessionId, attendees: [chiara.renamed], otherAttendees: 1 });
    expect(part.trainingSessionsTaught.map((s: { sessionId: string }) => s.sessionId)).toEqual([ctx.otherSessionId]);
    expect(part.notifications.length).toBeGreaterThan(0);
    // Every other record naming her: the session she taught, her attendance, the cost's supplier, the hall, the offer's client, her cooperative's contact.
    expect(part.namedIn.map((n: { record: string; field: string }) => `${n.record}.${n.field}`).sort()).toEqual(
      ['Attendance.attendees', 'Contribution.providedBy', 'Cost.supplier', 'Member.email', 'Offer.clientName', 'TrainingSession.trainer'],
    );
    const actions = part.auditEntries.map((e: { entity: string; action: string }) => `${e.entity}/${e.action}`);
    expect(actions).toEqual(expect.arrayContaining(['person/invite', 'person/update', 'person/remove', 'cost/create']));
    expect(text(part.auditEntries)).toContain(chiara.email);
    expect(text(file), 'no one else: not Marco, not the other trainer').not.toContain('marco neri');
    expect(text(file)).not.toContain(trainer.name.toLowerCase());
  });

  it('is refused to members and funders, with a 404', async () => {
    const member = memberPersonId(ctx.memberId);
    const funder = funderPersonId((await call('GET', project)).body.funderId);
    const request = await runRequest({ kind: 'export', personId: member });
    for (const caller of [member, funder]) {
      expect((await call('POST', `${v1}/privacy/requests`, { kind: 'export', personId: member }, as(caller))).status).toBe(404);
      expect((await call('GET', `${v1}/privacy/requests/${request.id}`, undefined, as(caller))).status).toBe(404);
      expect((await call('GET', `${v1}/privacy/requests`, undefined, as(caller))).status).toBe(404);
      expect((await call('GET', `${v1}/privacy/erasures`, undefined, as(caller))).status).toBe(404);
    }
    // A person the consortium never knew, and another consortium's request: 404 as well.
    expect((await call('POST', `${v1}/privacy/requests`, { kind: 'export', personId: 'nobody-here' })).status).toBe(404);
    expect((await call('GET', `/api/v1/consortia/othercoop/privacy/requests/${request.id}`, undefined, as('othercoop-coordinator'))).status).toBe(404);
  });

  it('names what is wrong in a bad request', async () => {
    const answers = await Promise.all([
      call('POST', `${v1}/privacy/requests`, { kind: 'export' }),
      call('POST', `${v1}/privacy/requests`, { kind: 'export', name: trainer.name }),
      call('POST', `${v1}/privacy/requests`, { kind: 'erasure', personId: COORDINATOR_PERSON_ID }),
      call('POST', `${v1}/privacy/requests`, { kind: 'erasure', personId: ctx.personId, name: 'x' }),
      call('POST', '/api/v1/me/data', { personId: ctx.personId }, as(memberPersonId(ctx.memberId))),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400]);
    expect(answers[2]!.body.errors[0]).toMatchObject({ path: 'personId' });
  });
});

describe('erasure', () => {
  let erasure: { id: string; erasureId: string; pseudonym: string };

  beforeAll(async () => {
    erasure = await runRequest({ kind: 'erasure', personId: ctx.personId });
    expect(isPseudonym(erasure.pseudonym)).toBe(true);
  }, 60_000);

  it('leaves no item of the consortium naming her, and a backup taken now names her nowhere', async () => {
    const items = await consortiumItems();
    expect(items.filter(namesChiara).map((item) => `${item.PK?.S} ${item.SK?.S}`)).toEqual([]);
    const backup = backupLines({ format: BACKUP_FORMAT, consortiumId: C, createdAt: api.clock.now().toISOString() }, await readConsortiumItems(api.table.client, api.table.tableName, C));
    expect(backup.filter(namesChiara)).toEqual([]);
  });

  it('reaches every field docs/privacy.md lists', async () => {
    const items = (await consortiumItems()).map((item) => ({ pk: item.PK?.S ?? '', sk: item.SK?.S ?? '', type: item.itemType?.S, raw: item }));
    const ofType = (type: string) => items.filter((item) => item.type === type);
    const value = (item: (typeof items)[number], field: string) => item.raw[field];
    const pseudonym = erasure.pseudonym;
    const checks: Record<string, () => void> = {
      'Membership.name': () => expect(items.filter((item) => item.pk === `PERSON#${ctx.personId}` && item.sk === `MEMBERSHIP#${C}`)).toEqual([]),
      'Membership.email': () => expect(ofType('Membership').filter((item) => text(value(item, 'email')).includes(chiara.email))).toEqual([]),
      'Membership.language': () => expect(ofType('Membership').filter((item) => item.pk === `PERSON#${ctx.personId}`)).toEqual([]),
      'Notification.title': () => expect(ofType('Notification').filter((item) => item.pk === `PERSON#${ctx.personId}`)).toEqual([]),
      'Notification.text': () => expect(ofType('Notification').filter(namesChiara)).toEqual([]),
      'PersonalValues.values': () => expect(ofType('PersonalValues').filter((item) => namesChiara(item.raw))).toEqual([]),
      'Member.email': () => expect(value(ofType('Member').find((item) => item.sk === `MEMBER#${ctx.memberId}`)!, 'email')).toBeUndefined(),
      'TrainingSession.trainer': () => expect(value(ofType('TrainingSession').find((item) => item.sk === `SESSION#${ctx.otherSessionId}`)!, 'trainer')).toEqual({ S: pseudonym }),
      'Attendance.attendees': () => expect(text(value(ofType('Attendance').find((item) => item.sk === `ATTENDANCE#${ctx.sessionId}#${ctx.memberId}`)!, 'attendees'))).toBe(text({ L: [{ S: pseudonym }, { S: 'Marco Neri' }] })),
      'Cost.supplier': () => expect(value(ofType('Cost').find((item) => item.sk === `COST#${ctx.costId}`)!, 'supplier')).toEqual({ S: pseudonym }),
      'Offer.clientName': () => expect(value(ofType('Offer').find((item) => item.sk === `OFFER#${ctx.offerId}`)!, 'clientName')).toEqual({ S: pseudonym }),
      'Contribution.providedBy': () => expect(value(ofType('Contribution').find((item) => item.sk === `CONTRIBUTION#${ctx.contributionId}`)!, 'providedBy')).toEqual({ S: pseudonym }),
    };
    for (const field of PERSONAL_DATA) {
      const check = checks[`${field.item}.${field.field}`];
      expect(check, `a check of ${field.item}.${field.field}`).toBeDefined();
      check!();
    }
  });

  it('keeps the chains verifying and the funder’s figures and export totals as they were', async () => {
    for (const path of [`${v1}/audit/verification`, `${project}/audit/verification`]) {
      const verified = await call('GET', path);
      expect(verified.body, path).toMatchObject({ valid: true, unsealed: 0 });
    }
    expect(await figures()).toEqual(before.figures);
    const after = await exportTotals();
    expect({ totalCents: after.totalCents, costs: after.costs }).toEqual({ totalCents: before.totals.totalCents, costs: before.totals.costs });
    expect(after.files.filter((file) => namesChiara(file.text)).map((file) => file.key), 'no file written after the erasure names her').toEqual([]);
    // Her records stay, attributed to her id: the cost, its document, the log.
    const cost = await call('GET', `${project}/costs/${ctx.costId}`);
    expect(cost.body).toMatchObject({ reportedBy: ctx.personId, amountCents: 12_345, supplier: erasure.pseudonym });
    expect((await api.files.head(ctx.documentKey))?.size).toBe(4);
  });

  it('keeps her sign-in and her other consortium, then removes the sign-in once she belongs nowhere', async () => {
    expect(api.identities.removed.has(ctx.personId)).toBe(false);
    const elsewhere = await call('GET', `/api/v1/consortia/othercoop/people/${ctx.personId}`, undefined, as('othercoop-coordinator'));
    expect(elsewhere.body).toMatchObject({ name: chiara.name, email: chiara.email });
    expect(api.outbox.to(chiara.email), 'the outbox forgot the mails to her').toEqual([]);
    const asked = await call('POST', '/api/v1/consortia/othercoop/privacy/requests', { kind: 'erasure', personId: ctx.personId }, as('othercoop-coordinator'));
    expect(asked.status).toBe(202);
    await api.exportQueue.idle();
    expect(api.identities.removed.has(ctx.personId)).toBe(true);
  });

  it('is in the register without a name, and a restored backup is erased again before it serves', async () => {
    const register = await call('GET', `${v1}/privacy/erasures`);
    expect(register.body.items).toEqual([expect.objectContaining({ id: erasure.erasureId, personId: ctx.personId, pseudonym: erasure.pseudonym, by: COORDINATOR_PERSON_ID })]);
    expect(namesChiara(register.body)).toBe(false);

    const restored = await createTestTable();
    try {
      expect(before.backup.filter(namesChiara).length, 'the old backup names her').toBeGreaterThan(0);
      const result = await restoreBackup({ client: restored.client, tableName: restored.tableName, store: restored.store, files: api.files, clock: api.clock }, before.backup);
      expect(result.erasuresReplayed).toBe(1);
      const items = await consortiumItems(restored);
      expect(items.filter(namesChiara).map((item) => `${item.PK?.S} ${item.SK?.S}`)).toEqual([]);
      expect(await restored.store.audit.verify({ consortiumId: C })).toMatchObject({ valid: true });
      expect(await restored.store.audit.verify({ consortiumId: C, projectId: 'cultnetwork' })).toMatchObject({ valid: true });
    } finally {
      await restored.drop();
    }
  });
});

describe('erasure of someone who never signs in', () => {
  it('replaces a trainer’s name by name and e-mail, and names them nowhere after', async () => {
    expect((await consortiumItems()).filter(namesTrainer).length).toBeGreaterThan(0);
    const erased = await runRequest({ kind: 'erasure', name: trainer.name.toUpperCase(), email: trainer.email });
    expect(erased.counts.values).toBeGreaterThanOrEqual(1);
    expect((await consortiumItems()).filter(namesTrainer)).toEqual([]);
    const read = await call('GET', `${v1}/privacy/requests/${erased.id}`);
    expect(namesTrainer(read.body), 'the request forgets the name it looked for').toBe(false);
    const session = (await call('GET', `${v1}/training/${ctx.trainingId}/sessions?limit=100`)).body.items.find((s: { id: string }) => s.id === ctx.sessionId);
    expect(session.trainer).toBe(erased.pseudonym);
  });
});

it('docs/privacy.md lists the fields of PERSONAL_DATA, row by row', async () => {
  const doc = await readFile(new URL('../../docs/privacy.md', import.meta.url), 'utf8');
  const table = doc.slice(doc.indexOf('<!-- personal data: begin'), doc.indexOf('<!-- personal data: end'));
  const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Item') && !line.startsWith('| ---'));
  const listed = rows.map((row) => row.split('|').map((cell) => cell.trim())).map((cells) => ({ item: cells[1], field: cells[2], erasure: cells.at(-2) }));
  expect(listed).toEqual(PERSONAL_DATA.map(({ item, field, erasure }) => ({ item, field, erasure: expect.stringMatching(new RegExp(`^${erasure}`)) })));
});
