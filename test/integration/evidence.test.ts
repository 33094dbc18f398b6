// Evidence files: a member asks for an upload form, posts the file, and names it in a log entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberPersonId } from '../../dev/demo/demo-data';
import { demoLineId } from '../../dev/demo/demo-money';
import { seedDemo } from '../../dev/demo/seed';
import { CONSORTIUM, addDeliverable, addPerson, createFixture, createTestApi, type Fixture, type TestApi } from '../support/api';

let api: TestApi;
let fixture: Fixture;
let path: string;
const OWNER = 'evidence-owner';
const OTHER = 'evidence-other';

beforeAll(async () => {
  api = await createTestApi();
  fixture = await createFixture(api);
  await addPerson(api, { id: OWNER, consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[0].id });
  await addPerson(api, { id: OTHER, consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[1].id });
  const deliverable = await addDeliverable(api, fixture);
  path = `${fixture.projectPath}/deliverables/${deliverable.id}`;
});
afterAll(() => api.table.drop());

/** Posts a file with an upload form, as a browser would, through the app's file routes. */
async function upload(form: { url: string; fields: Record<string, string> }, content: string, type: string) {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append('file', new Blob([content], { type }), 'verbale.pdf');
  return api.app.request(form.url.replace(/^http:\/\/localhost/, ''), { method: 'POST', body });
}

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
});

describe('cost documents', () => {
  let demo: TestApi;
  const member = 'mincio-musei';
  const lines = `/api/v1/consortia/pantacon/projects/cultnetwork/budget/lines/${demoLineId(member, 'staff')}`;
  const as = { as: memberPersonId(member) };

  beforeAll(async () => {
    demo = await createTestApi();
    await seedDemo(demo.store, demo.clock);
  });
  afterAll(() => demo.table.drop());

  it('are uploaded for one of the member’s own lines and named in a cost; a name never uploaded is refused', async () => {
    const asked = await demo.call('POST', `${lines}/document-uploads`, { fileName: 'fattura 12.pdf', contentType: 'application/pdf', size: 8 }, as);
    expect(asked.status).toBe(201);
    const body = new FormData();
    for (const [name, value] of Object.entries(asked.body.form.fields as Record<string, string>)) body.append(name, value);
    body.append('file', new Blob(['%PDF-1.7'], { type: 'application/pdf' }), 'fattura.pdf');
    expect((await demo.app.request(asked.body.form.url.replace(/^http:\/\/localhost/, ''), { method: 'POST', body })).status).toBe(204);

    const cost = { date: '2026-11-02', description: 'Consulenza', supplier: 'Studio Rossi', amountCents: 50_000, documents: [asked.body.evidence] };
    const created = await demo.call('POST', `${lines}/costs`, cost, as);
    expect(created.status).toBe(201);
    expect(created.body.documents).toEqual([asked.body.evidence]);

    const missing = await demo.call('POST', `${lines}/costs`, { ...cost, documents: [{ fileId: 'never', name: 'x.pdf' }] }, as);
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'documents.0.fileId' })]);
  });
});
