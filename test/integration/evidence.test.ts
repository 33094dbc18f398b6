// Evidence files and cost documents: a member asks for an upload form for the record that will own
// the file, posts the file, and names it in that record; the file is reached only through it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSORTIUM, addDeliverable, addPerson, createFixture, createTestApi, type Fixture, type TestApi } from '../support/api';

let api: TestApi;
let fixture: Fixture;
let path: string;
let otherPath: string;
const OWNER = 'evidence-owner';
const OTHER = 'evidence-other';
const FUNDER = 'evidence-funder';
const lines: Record<'owner' | 'other', { id: string }> = { owner: { id: '' }, other: { id: '' } };

beforeAll(async () => {
  api = await createTestApi();
  fixture = await createFixture(api);
  await addPerson(api, { id: OWNER, consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[0].id });
  await addPerson(api, { id: OTHER, consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[1].id });
  await addPerson(api, { id: FUNDER, consortiumId: CONSORTIUM, role: 'funder', funderId: fixture.funder.id });
  const deliverable = await addDeliverable(api, fixture);
  path = `${fixture.projectPath}/deliverables/${deliverable.id}`;
  otherPath = `${fixture.projectPath}/deliverables/${(await addDeliverable(api, fixture, { title: 'Another report' })).id}`;
  for (const [name, memberId] of [['owner', fixture.members[0].id], ['other', fixture.members[1].id]] as const) {
    lines[name] = (await api.call('POST', `${fixture.projectPath}/budget/lines`, { memberId, category: 'staff', grantCents: 1_000_000, cofinancingCents: 0 })).body;
  }
});
afterAll(() => api.table.drop());

/** Posts a file with an upload form, as a browser would, through the app's file routes. */
async function upload(form: { url: string; fields: Record<string, string> }, content: string, type: string) {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append('file', new Blob([content], { type }), 'verbale.pdf');
  return api.app.request(form.url.replace(/^http:\/\/localhost/, ''), { method: 'POST', body });
}

/** Asks for a form at `formPath`, posts `content` with it, and answers what to name. */
async function uploaded(formPath: string, content: string, as = OWNER): Promise<{ fileId: string; name: string }> {
  const asked = await api.call('POST', formPath, { fileName: 'file.pdf', contentType: 'application/pdf', size: content.length }, { as });
  expect(asked.status).toBe(201);
  expect((await upload(asked.body.form, content, 'application/pdf')).status).toBe(204);
  return asked.body.evidence;
}

const documentForm = (line: { id: string }) => `${fixture.projectPath}/budget/lines/${line.id}/document-uploads`;
const costPath = (cost: { id: string }) => `${fixture.projectPath}/costs/${cost.id}`;
const report = (line: { id: string }, documents: unknown[], as = OWNER) =>
  api.call('POST', `${fixture.projectPath}/budget/lines/${line.id}/costs`, {
    date: '2026-10-15', description: 'Consulenza', supplier: 'Studio Rossi', amountCents: 10_000, documents,
  }, { as });
/** Downloads what a link answer points to. */
const content = async (link: { body: { downloadUrl: string } }) => (await api.app.request(link.body.downloadUrl.replace(/^http:\/\/localhost/, ''))).text();

describe('evidence files', () => {
  it('are uploaded with a form and named in a progress entry, then downloaded through a short link', async () => {
    const asked = await api.call('POST', `${path}/evidence-uploads`, { fileName: 'Verbale riunione.pdf', contentType: 'application/pdf', size: 9 }, { as: OWNER });
    expect(asked.status).toBe(201);
    expect((await upload(asked.body.form, '%PDF-1.7', 'application/pdf')).status).toBe(204);

    const logged = await api.call('POST', `${path}/log`, { note: 'Verbale allegato', percent: 20, evidence: [asked.body.evidence] }, { as: OWNER });
    expect(logged.status).toBe(200);
    expect(logged.body.entry.evidence).toEqual([asked.body.evidence]);

    const link = await api.call('GET', `${path}/evidence/${asked.body.evidence.fileId}`, undefined, { as: OTHER });
    expect(link.status).toBe(200);
    const file = await api.app.request(link.body.downloadUrl.replace(/^http:\/\/localhost/, ''));
    expect(await file.text()).toBe('%PDF-1.7');
    expect(link.body.name).toBe('Verbale_riunione.pdf');
  });

  it('refuse an entry naming a file that was never uploaded, naming the field', async () => {
    const asked = await api.call('POST', `${path}/evidence-uploads`, { fileName: 'foto.png', contentType: 'image/png', size: 100 }, { as: OWNER });
    const logged = await api.call('POST', `${path}/log`, { note: 'n', percent: 30, evidence: [asked.body.evidence] }, { as: OWNER });
    expect(logged.status).toBe(400);
    expect(logged.body.errors).toEqual([expect.objectContaining({ path: 'evidence.0.fileId' })]);
  });

  it('are limited in size and type, and asked for only by the owner or a coordinator', async () => {
    const big = await api.call('POST', `${path}/evidence-uploads`, { fileName: 'video.pdf', contentType: 'application/pdf', size: 50 * 2 ** 20 }, { as: OWNER });
    expect(big.status).toBe(413);
    const type = await api.call('POST', `${path}/evidence-uploads`, { fileName: 'page.html', contentType: 'text/html', size: 10 }, { as: OWNER });
    expect(type.status).toBe(400);
    expect(type.body.errors[0].path).toBe('contentType');
    const other = await api.call('POST', `${path}/evidence-uploads`, { fileName: 'a.pdf', contentType: 'application/pdf', size: 10 }, { as: OTHER });
    expect(other.status).toBe(403);

    const asked = await api.call('POST', `${path}/evidence-uploads`, { fileName: 'a.pdf', contentType: 'application/pdf', size: 4 }, { as: OWNER });
    expect((await upload(asked.body.form, 'more than four bytes', 'application/pdf')).status).toBe(413);
  });

  it('are reached only through the deliverable they were uploaded for, once its log names them', async () => {
    const file = await uploaded(`${path}/evidence-uploads`, '%PDF-A');
    expect((await api.call('GET', `${path}/evidence/${file.fileId}`, undefined, { as: OWNER })).status).toBe(404);

    const elsewhere = await api.call('POST', `${otherPath}/log`, { note: 'n', percent: 10, evidence: [file] }, { as: OWNER });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors).toEqual([expect.objectContaining({ path: 'evidence.0.fileId' })]);

    expect((await api.call('POST', `${path}/log`, { note: 'n', percent: 40, evidence: [file] }, { as: OWNER })).status).toBe(200);
    const own = await api.call('GET', `${path}/evidence/${file.fileId}`, undefined, { as: OWNER });
    expect(own.status).toBe(200);
    expect(await content(own)).toBe('%PDF-A');
    expect((await api.call('GET', `${path}/evidence/${file.fileId}`)).status).toBe(200);

    const through = await api.call('GET', `${otherPath}/evidence/${file.fileId}`, undefined, { as: OWNER });
    expect(through.status).toBe(404);
    expect(through.body.detail).toBe(`No evidence file ${file.fileId}`);
  });
});

describe('cost documents', () => {
  it('are uploaded for a line of the member, named in a cost, and downloaded through it by the member and a coordinator', async () => {
    const document = await uploaded(documentForm(lines.owner), '%PDF-cost');
    const created = await report(lines.owner, [document]);
    expect(created.status).toBe(201);
    expect(created.body.documents).toEqual([document]);

    for (const as of [OWNER, undefined]) {
      const link = await api.call('GET', `${costPath(created.body)}/documents/${document.fileId}`, undefined, { as });
      expect(link.status).toBe(200);
      expect(link.body.name).toBe('file.pdf');
      expect(await content(link)).toBe('%PDF-cost');
    }

    const missing = await report(lines.owner, [{ fileId: 'never', name: 'x.pdf' }]);
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'documents.0.fileId' })]);
  });

  it('are refused (404) to another partner member, and to a funder until the cost is approved', async () => {
    const document = await uploaded(documentForm(lines.owner), '%PDF-draft');
    const { body: draft } = await report(lines.owner, [document]);
    const url = `${costPath(draft)}/documents/${document.fileId}`;
    expect((await api.call('GET', url, undefined, { as: OTHER })).status).toBe(404);
    expect((await api.call('GET', url, undefined, { as: FUNDER })).status).toBe(404);

    const { body: submitted } = await api.call('POST', `${costPath(draft)}/submit`, { version: draft.version }, { as: OWNER });
    expect((await api.call('POST', `${costPath(draft)}/review`, { version: submitted.version, decision: 'approved' })).status).toBe(200);
    expect((await api.call('GET', url, undefined, { as: FUNDER })).status).toBe(200);
    expect((await api.call('GET', url, undefined, { as: OTHER })).status).toBe(404);
  });

  it("may name only documents uploaded for the cost's own member (400 naming the field)", async () => {
    const theirs = await uploaded(documentForm(lines.other), '%PDF-theirs', OTHER);
    const created = await report(lines.owner, [theirs]);
    expect(created.status).toBe(400);
    expect(created.body.errors).toEqual([expect.objectContaining({ path: 'documents.0.fileId' })]);

    const { body: draft } = await report(lines.owner, []);
    const patched = await api.call('PATCH', costPath(draft), { version: draft.version, documents: [theirs] }, { as: OWNER });
    expect(patched.status).toBe(400);
    expect(patched.body.errors).toEqual([expect.objectContaining({ path: 'documents.0.fileId' })]);

    const evidence = await uploaded(`${path}/evidence-uploads`, '%PDF-evidence');
    expect((await report(lines.owner, [evidence])).body.errors).toEqual([expect.objectContaining({ path: 'documents.0.fileId' })]);
  });

  it("are not reached through another cost or a deliverable's evidence, nor is evidence reached through a cost (404)", async () => {
    const document = await uploaded(documentForm(lines.owner), '%PDF-one');
    const { body: one } = await report(lines.owner, [document]);
    const { body: another } = await report(lines.owner, []);
    expect((await api.call('GET', `${costPath(one)}/documents/${document.fileId}`)).status).toBe(200);
    expect((await api.call('GET', `${costPath(another)}/documents/${document.fileId}`)).status).toBe(404);
    expect((await api.call('GET', `${path}/evidence/${document.fileId}`)).status).toBe(404);

    const evidence = await uploaded(`${path}/evidence-uploads`, '%PDF-logged');
    expect((await api.call('POST', `${path}/log`, { note: 'n', percent: 50, evidence: [evidence] }, { as: OWNER })).status).toBe(200);
    expect((await api.call('GET', `${path}/evidence/${evidence.fileId}`)).status).toBe(200);
    expect((await api.call('GET', `${costPath(one)}/documents/${evidence.fileId}`)).status).toBe(404);
  });
});
