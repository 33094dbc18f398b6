// Exports through the API against DynamoDB Local: a snapshot read once, files built from it alone,
// read back by readers nobody here wrote (Debian's Python csv module).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR_PERSON_ID } from '../../dev/demo/demo-data';
import { funderPersonId } from '../../dev/demo/demo-people';
import { seedDemo } from '../../dev/demo/seed';
import { reportLabels } from '../../shared/reports/i18n';
import { createTestApi, type TestApi } from '../support/api';
import { threeSixtyGivingPackageValidator, validateIatiFile, xpathString } from '../support/standards';

let api: TestApi;
let folder: string;
const project = '/api/v1/consortia/pantacon/projects/cultnetwork';
const asCoordinator = { as: COORDINATOR_PERSON_ID };
const FORMULA = '=HYPERLINK("http://x","y")';

beforeAll(async () => {
  api = await createTestApi();
  await seedDemo(api.store, api.clock);
  folder = await mkdtemp(join(tmpdir(), 'rete-exports-'));
  const created = await api.call('POST', `${project}/deliverables`, {
    phaseId: 'offer', ownerMemberId: 'mincio-musei', title: FORMULA, kind: 'report', dueDate: '2027-01-15',
  }, asCoordinator);
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await api.table.drop();
  await rm(folder, { recursive: true, force: true });
});

/** Follows a download link the way a browser would, through the app. */
async function download(url: string): Promise<Buffer> {
  const response = await api.app.request(url.replace(/^http:\/\/localhost/, ''));
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function exportOf(formats: string[]) {
  const asked = await api.call('POST', `${project}/exports`, { formats, language: 'it' }, asCoordinator);
  expect(asked.status).toBe(202);
  expect(asked.body).toMatchObject({ status: 'queued', progress: 0 });
  await api.exportQueue.idle();
  const { body } = await api.call('GET', `${project}/exports/${asked.body.id}`, undefined, asCoordinator);
  return body;
}

/** Rows as Python's csv module reads them. */
function readCsv(path: string): string[][] {
  const script = 'import csv,json,sys\nwith open(sys.argv[1], newline="", encoding="utf-8-sig") as f: print(json.dumps(list(csv.reader(f))))';
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' }));
}

describe('exports', () => {
  it('build JSON and CSV from one snapshot, with sizes, hashes and working download links', async () => {
    const done = await exportOf(['json', 'csv']);
    expect(done).toMatchObject({ status: 'done', progress: 100, attempts: 1 });
    expect(done.snapshot.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(done.files.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['snapshot.json', 'phases.csv', 'deliverables.csv']));
    for (const file of done.files) {
      const bytes = await download(file.downloadUrl);
      expect(bytes.length).toBe(file.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }
  });

  it('write a JSON snapshot whose deliverables and counts match the project', async () => {
    const done = await exportOf(['json']);
    const json = JSON.parse((await download(done.files[0].downloadUrl)).toString('utf8'));
    expect(json.schemaVersion).toBe(1);
    const [header] = json.records;
    expect(header).toMatchObject({ kind: 'header', project: { id: 'cultnetwork' }, funder: { id: 'fondazione-mincio' }, language: 'it' });
    const deliverables = json.records.filter((r: { kind: string }) => r.kind === 'deliverable');
    expect(deliverables.length).toBe(header.project.progress.deliverables);
    expect(json.records.at(-1)).toMatchObject({ kind: 'footer', counts: { phase: 3, deliverable: deliverables.length } });
    expect(deliverables.some((r: { history: unknown[] }) => r.history.length > 0)).toBe(true);
  });

  it('write CSV that Python reads back equal to the snapshot, with formulas made inert', async () => {
    const done = await exportOf(['json', 'csv']);
    const snapshot = JSON.parse((await download(done.files[0].downloadUrl)).toString('utf8'));
    const deliverablesFile = done.files.find((f: { name: string }) => f.name === 'deliverables.csv');
    const raw = await download(deliverablesFile.downloadUrl);
    expect(raw.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const path = join(folder, 'deliverables.csv');
    await writeFile(path, raw);
    const [headerRow, ...rows] = readCsv(path);
    const column = (name: string) => headerRow!.indexOf(name);
    const records = snapshot.records.filter((r: { kind: string }) => r.kind === 'deliverable');
    expect(rows).toHaveLength(records.length);
    for (const [index, { deliverable }] of records.entries()) {
      const row = rows[index]!;
      expect(row[column('deliverableId')]).toBe(deliverable.id);
      expect(row[column('title')]!.replace(/^'(?=[=+\-@\t\r])/, '')).toBe(deliverable.title);
      expect(Number(row[column('weight')])).toBe(deliverable.weight);
      expect(row[column('status')]).toBe(deliverable.status);
    }
    const formulaRow = rows.find((row) => row[column('title')]!.includes('HYPERLINK'))!;
    expect(formulaRow[column('title')]).toBe(`'${FORMULA}`);
  });

  it('write IATI that validates against the 2.03 schema and a 360Giving package that validates against its schema', async () => {
    const done = await exportOf(['iati', '360giving']);
    expect(done.status, done.failureReason).toBe('done');
    const iati = join(folder, 'iati-activities.xml');
    await writeFile(iati, await download(done.files.find((f: { format: string }) => f.format === 'iati').downloadUrl));
    const xmllint = validateIatiFile(iati);
    expect(xmllint.valid, xmllint.output).toBe(true);
    expect(xpathString(iati, '//iati-activity/iati-identifier')).toBe(`${xpathString(iati, '//reporting-org/@ref')}-cultnetwork`);

    const grants = JSON.parse((await download(done.files.find((f: { format: string }) => f.format === '360giving').downloadUrl)).toString('utf8'));
    const validate = threeSixtyGivingPackageValidator();
    expect(validate(grants), JSON.stringify(validate.errors)).toBe(true);
    expect(grants.grants[0].amountAwarded).toBeGreaterThan(0);
  });

  it('write an XLSX that openpyxl opens with every deliverable, and a PDF whose text pdftotext reads', async () => {
    const done = await exportOf(['json', 'xlsx', 'pdf']);
    expect(done.status, done.failureReason).toBe('done');
    const snapshot = JSON.parse((await download(done.files[0].downloadUrl)).toString('utf8'));
    const deliverables = snapshot.records.filter((r: { kind: string }) => r.kind === 'deliverable');
    const header = snapshot.records[0];

    const xlsx = join(folder, 'progress.xlsx');
    await writeFile(xlsx, await download(done.files.find((f: { format: string }) => f.format === 'xlsx').downloadUrl));
    const script = [
      'import json, sys, openpyxl',
      'book = openpyxl.load_workbook(sys.argv[1])',
      'sheet = book[sys.argv[2]]',
      'rows = list(sheet.iter_rows(min_row=2, values_only=True))',
      'titles = [c.value for c in sheet[1]]',
      'formula = [c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]',
      'print(json.dumps({"sheets": book.sheetnames, "rows": len(rows), "formulaTypes": [c.data_type for c in formula], "frozen": sheet.freeze_panes}))',
    ].join('\n');
    const book = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, xlsx, reportLabels.it.sheet.deliverables], { encoding: 'utf8' }));
    expect(book.rows).toBe(deliverables.length);
    expect(book.formulaTypes).toEqual(['s']);
    expect(book.frozen).toBe('A2');

    const pdf = join(folder, 'report.pdf');
    await writeFile(pdf, await download(done.files.find((f: { format: string }) => f.format === 'pdf').downloadUrl));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(header.project.title.slice(0, 20));
    expect(text).toContain(snapshot.records.find((r: { kind: string }) => r.kind === 'phase').phase.title.slice(0, 20));
    expect(text).toMatch(/€/);
  });

  it('carry the training, offers, indicators and accounts in the snapshot and as CSV tables', async () => {
    const done = await exportOf(['json', 'csv']);
    const snapshot = JSON.parse((await download(done.files[0].downloadUrl)).toString('utf8'));
    const footer = snapshot.records.at(-1);
    for (const kind of ['summary', 'training', 'offer', 'indicator', 'budgetLine', 'cost', 'contribution', 'instalment', 'receipt']) {
      expect(footer.counts[kind], kind).toBeGreaterThan(0);
    }
    const names = done.files.map((f: { name: string }) => f.name);
    expect(names).toEqual(expect.arrayContaining(['trainings.csv', 'offers.csv', 'indicators.csv', 'costs.csv']));
    const costs = done.files.find((f: { name: string }) => f.name === 'costs.csv');
    const path = join(folder, 'costs.csv');
    await writeFile(path, await download(costs.downloadUrl));
    const [, ...rows] = readCsv(path);
    expect(rows).toHaveLength(footer.counts.cost);
  });

  it("name no trainer and no one who attended, in any format; a cost's supplier stays", async () => {
    const attendees = ['Ottavia Immaginaria', 'Primo Inventato'];
    const attendance = '/api/v1/consortia/pantacon/training/raccolta-fondi/sessions/raccolta-fondi-1/attendance/teatro-del-viale';
    expect((await api.call('PUT', attendance, { people: 2, hours: 2, attendees }, asCoordinator)).status).toBe(200);
    const trainers = new Set<string>();
    for (const path of ['raccolta-fondi', 'marketing-comunicazione']) {
      const { body } = await api.call('GET', `/api/v1/consortia/pantacon/training/${path}/sessions?limit=100`, undefined, asCoordinator);
      for (const session of body.items) trainers.add(session.trainer);
    }
    expect(trainers.size).toBeGreaterThan(0);

    const done = await exportOf(['json', 'csv', 'xlsx', 'pdf', 'iati', '360giving']);
    expect(done.status).toBe('done');
    const texts: Record<string, string> = {};
    for (const file of done.files) {
      const local = join(folder, `names-${file.name}`);
      await writeFile(local, await download(file.downloadUrl));
      texts[file.name] =
        file.format === 'pdf' ? execFileSync('pdftotext', [local, '-'], { encoding: 'utf8' })
        : file.format === 'xlsx' ? execFileSync('/usr/bin/python3', ['-c', 'import sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint("".join(z.read(n).decode("utf-8") for n in z.namelist()))', local], { encoding: 'utf8' })
        : (await download(file.downloadUrl)).toString('utf8');
    }
    for (const [name, text] of Object.entries(texts)) {
      for (const person of [...trainers, ...attendees]) expect(text, `${name} names ${person}`).not.toContain(person);
    }
    const { body: costs } = await api.call('GET', `${project}/costs?limit=1`, undefined, asCoordinator);
    const supplier = costs.items[0].supplier;
    for (const name of ['costs.csv', 'progress.xlsx', 'snapshot.json']) expect(texts[name], name).toContain(supplier);
    expect(texts['trainings.csv']).toContain('raccolta-fondi-1');
  });

  it('are refused to members and unsubmitted ones are hidden from the funder', async () => {
    const done = await exportOf(['csv']);
    expect((await api.call('GET', `${project}/exports`, undefined, { as: 'person-mincio-musei' })).status).toBe(403);
    const funder = { as: funderPersonId('fondazione-mincio') };
    expect((await api.call('GET', `${project}/exports/${done.id}`, undefined, funder)).status).toBe(404);
    const listed = await api.call('GET', `${project}/exports`, undefined, funder);
    expect(listed.body.items.map((e: { id: string }) => e.id)).not.toContain(done.id);
  });

  it('refuse a request naming a format twice or an unknown one, naming the field', async () => {
    const twice = await api.call('POST', `${project}/exports`, { formats: ['csv', 'csv'], language: 'it' }, asCoordinator);
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0].path).toBe('formats');
    const unknown = await api.call('POST', `${project}/exports`, { formats: ['docx'], language: 'it' }, asCoordinator);
    expect(unknown.body.errors[0].path).toBe('formats.0');
  });

  it('list newest first', async () => {
    const { body } = await api.call('GET', `${project}/exports`, undefined, asCoordinator);
    const created = body.items.map((e: { createdAt: string; id: string }) => e.id);
    expect(created).toEqual([...created].sort().reverse());
  });
});
