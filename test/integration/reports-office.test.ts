// The XLSX and PDF exports of the demo project, checked by readers nobody here wrote: openpyxl
// (Debian's python3-openpyxl) for the workbook, pdftotext (poppler-utils) for the report.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemo, type Demo } from '../../dev/demo/demo-data';
import { buildDemoMoney, recountMoney } from '../../dev/demo/demo-money';
import { buildDemoExtras } from '../../dev/demo/demo-training';
import { countedCents } from '../../shared/domain/cost';
import { newDeliverable, type Deliverable } from '../../shared/domain/deliverable';
import { computedSources, indicatorSummary, progressOf as indicatorProgress } from '../../shared/domain/indicator';
import { moneySummary } from '../../shared/domain/money';
import { offerSummary } from '../../shared/domain/offer';
import { progressOf, recount } from '../../shared/domain/progress';
import type { Project } from '../../shared/domain/project';
import { recountTraining, trainingSummary } from '../../shared/domain/training';
import { isOverdue } from '../../shared/domain/schedule';
import { formatMoney } from '../../shared/reports/format';
import { reportLabels } from '../../shared/reports/i18n';
import { fromJsonLines } from '../../shared/reports/jsonl';
import { buildPdf } from '../../shared/reports/pdf';
import { SNAPSHOT_SCHEMA_VERSION, snapshotSession, type ExportLanguage, type SnapshotRecord, type SnapshotSource } from '../../shared/reports/snapshot';
import { buildXlsx } from '../../shared/reports/xlsx';

const TODAY = '2026-11-23';
const NOW = '2026-11-23T09:00:00.000Z';
const FORMULA_TITLE = '=HYPERLINK("http://x","y")';
const SHA = 'ab'.repeat(32);
const PYTHON = '/usr/bin/python3';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'rete-office-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/**
 * What the export job writes after the deliverables: summaries, training, offers, indicators and
 * the accounts of the demo's cultnetwork, with totals and progress counted from the demo's items.
 */
function demoProjectRecords(demo: Demo, project: Project, acceptedOnTime: number): SnapshotRecord[] {
  const extras = buildDemoExtras(demo);
  const money = buildDemoMoney(demo);
  const paths = extras.paths.filter((path) => path.projectId === project.id);
  const pathIds = new Set(paths.map((path) => path.id));
  const sessions = extras.sessions.filter((session) => pathIds.has(session.trainingId));
  const attendance = extras.attendance.filter((record) => pathIds.has(record.trainingId));
  const trainingTotals = recountTraining(sessions, attendance);
  const offers = extras.offers.filter((offer) => offer.projectId === project.id);
  const indicators = extras.indicators.filter((indicator) => indicator.projectId === project.id);
  const sources = computedSources({ training: trainingTotals, offers, acceptedOnTime, members: demo.members, project, today: TODAY });
  const { items: _items, ...indicatorTotals } = indicatorSummary(indicators, sources, TODAY);
  return [
    {
      kind: 'summary',
      training: trainingSummary({ ...trainingTotals, paths: paths.length }, attendance.map((record) => record.memberId), project.partners.map((p) => p.memberId)),
      offers: offerSummary(offers),
      indicators: indicatorTotals,
      money: moneySummary(project, recountMoney(money).project),
    },
    ...paths.map((path): SnapshotRecord => {
      const own = sessions.filter((session) => session.trainingId === path.id);
      return {
        kind: 'training',
        path: { ...path, totals: recountTraining(own, attendance.filter((record) => record.trainingId === path.id)) },
        sessions: own.map((session) => {
          const { attendances, participants, personHours } = recountTraining([], attendance.filter((record) => record.sessionId === session.id));
          return snapshotSession({ ...session, totals: { attendances, participants, personHours } });
        }),
      };
    }),
    ...offers.map((offer): SnapshotRecord => ({ kind: 'offer', offer })),
    ...indicators.map((indicator): SnapshotRecord => ({ kind: 'indicator', indicator: { ...indicator, progress: indicatorProgress(indicator, sources, TODAY) } })),
    ...money.lines.map((line): SnapshotRecord => ({ kind: 'budgetLine', line })),
    ...money.costs.map((cost): SnapshotRecord => ({ kind: 'cost', cost })),
    ...money.contributions.map((contribution): SnapshotRecord => ({ kind: 'contribution', contribution })),
    ...money.instalments.map((instalment): SnapshotRecord => ({ kind: 'instalment', instalment })),
    ...money.receipts.map((receipt): SnapshotRecord => ({ kind: 'receipt', receipt })),
  ];
}

/** The demo's cultnetwork as the export job would snapshot it, plus a deliverable with a formula for a title. */
function demoSnapshot(language: ExportLanguage) {
  const demo = buildDemo(TODAY, NOW);
  const project = demo.projects.find((p) => p.id === 'cultnetwork')!;
  const funder = demo.funders.find((f) => f.id === project.funderId)!;
  const phases = demo.phases.filter((p) => p.projectId === project.id).sort((a, b) => a.order - b.order);
  const formula = newDeliverable(
    { phaseId: phases[1]!.id, ownerMemberId: project.partners[0]!.memberId, title: FORMULA_TITLE, kind: 'report', dueDate: '2026-12-15', weight: 3 },
    { id: 'formula-title', consortiumId: project.consortiumId, projectId: project.id },
    NOW,
  );
  const deliverables: Deliverable[] = [...demo.deliverables.filter((d) => d.projectId === project.id), formula];
  const progress = progressOf(recount(deliverables));
  const more = demoProjectRecords(demo, project, progress.acceptedOnTime);
  const counts: Record<string, number> = { phase: phases.length, deliverable: deliverables.length };
  for (const record of more) counts[record.kind] = (counts[record.kind] ?? 0) + 1;
  const records: SnapshotRecord[] = [
    {
      kind: 'header',
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      exportId: 'exp-office',
      generatedAt: NOW,
      asOf: TODAY,
      language,
      consortium: { id: demo.consortium.id, name: demo.consortium.name, orgId: demo.consortium.orgId, timeZone: demo.consortium.timeZone, language: demo.consortium.language },
      funder: { id: funder.id, name: funder.name, orgId: funder.orgId, programme: funder.programme },
      project: { ...project, progress },
      partners: project.partners.map(({ memberId, role, budgetShareCents }) => {
        const { id, name, orgId, sector, city } = demo.members.find((m) => m.id === memberId)!;
        return { id, name, orgId, sector, city, role, budgetShareCents };
      }),
    },
    ...phases.map((phase): SnapshotRecord => ({
      kind: 'phase',
      phase: { ...phase, progress: progressOf(recount(deliverables.filter((d) => d.phaseId === phase.id))) },
    })),
    ...deliverables.map((deliverable): SnapshotRecord => ({
      kind: 'deliverable',
      deliverable,
      history: demo.logEntries.filter((entry) => entry.deliverableId === deliverable.id),
    })),
    ...more,
    { kind: 'footer', counts },
  ];
  return { project, phases, deliverables, records };
}

/** The records of one kind in a snapshot. */
const ofKind = <K extends SnapshotRecord['kind']>(records: SnapshotRecord[], kind: K) =>
  records.filter((record): record is Extract<SnapshotRecord, { kind: K }> => record.kind === kind);

/** Writes the records as JSON Lines, with a kind no builder knows yet, and reads them back as the job does. */
async function fileSource(name: string, records: Iterable<SnapshotRecord>): Promise<SnapshotSource> {
  const path = join(folder, name);
  const out = createWriteStream(path);
  for (const record of records) {
    if (record.kind === 'footer') out.write(`${JSON.stringify({ kind: 'training-total', hours: 12 })}\n`);
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
  return () => fromJsonLines(createReadStream(path));
}

async function writeFile(name: string, build: (out: NodeJS.WritableStream) => Promise<void>): Promise<string> {
  const path = join(folder, name);
  const out = createWriteStream(path);
  await build(out);
  await finished(out);
  return path;
}

/** What openpyxl finds in the workbook, as JSON. */
const READ_WORKBOOK = `
import collections, datetime, json, sys, zipfile
from openpyxl import load_workbook
path, names = sys.argv[1], json.loads(sys.argv[2])
book = load_workbook(path)
sheet = book[names['deliverables']]
heading = [cell.value for cell in sheet[1]]
column = {label: index for index, label in enumerate(heading)}
rows = list(sheet.iter_rows(min_row=2))
def cell(row, label): return row[column[names[label]]]
formula = [cell(row, 'title') for row in rows if 'HYPERLINK' in str(cell(row, 'title').value)]
dates = [cell(row, label) for row in rows for label in ('due', 'submitted', 'accepted') if cell(row, label).value is not None]
summary = {row[0].value: row[1] for row in book[names['summary']].iter_rows()}
from xml.etree import ElementTree
MAIN = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
formulas, formula_xml = 0, []
with zipfile.ZipFile(path) as archive:
    for name in archive.namelist():
        if not name.startswith('xl/worksheets/sheet'): continue
        for c in ElementTree.fromstring(archive.read(name)).iter(MAIN + 'c'):
            formulas += len(c.findall(MAIN + 'f'))
            if 'HYPERLINK' in ''.join(c.itertext()): formula_xml.append(c.get('t'))
print(json.dumps({
    'sheets': book.sheetnames,
    'frozen': {name: book[name].freeze_panes for name in book.sheetnames},
    'rows': len(rows),
    'statuses': collections.Counter(cell(row, 'status').value for row in rows),
    'weights': sum(cell(row, 'weight').value for row in rows),
    'overdue': sum(1 for row in rows if cell(row, 'overdue').value is True),
    'formula': [{'type': c.data_type, 'value': c.value} for c in formula],
    'formulaElements': formulas,
    'formulaXmlTypes': formula_xml,
    'datesAreDatetimes': all(isinstance(c.value, datetime.datetime) for c in dates),
    'dateCount': len(dates),
    'dateFormat': cell(rows[0], 'due').number_format,
    'grant': {'value': summary[names['grant']].value, 'format': summary[names['grant']].number_format},
    'phaseRows': book[names['phases']].max_row - 1,
}))
`;

function readWorkbook(path: string, language: ExportLanguage) {
  const text = reportLabels[language];
  const names = {
    summary: text.sheet.summary,
    phases: text.sheet.phases,
    deliverables: text.sheet.deliverables,
    title: text.field.title,
    status: text.field.status,
    weight: text.field.weight,
    due: text.field.dueDate,
    submitted: text.field.submitted,
    accepted: text.field.accepted,
    overdue: text.field.overdue,
    grant: text.field.grant,
  };
  return JSON.parse(execFileSync(PYTHON, ['-c', READ_WORKBOOK, path, JSON.stringify(names)], { encoding: 'utf8' }));
}

/** What openpyxl finds on the sheets of training, offers, indicators and accounts, as JSON. */
const READ_PROJECT_SHEETS = `
import json, sys
from openpyxl import load_workbook
path, names = sys.argv[1], json.loads(sys.argv[2])
book = load_workbook(path)
def table(name):
    sheet = book[name]
    heading = [cell.value for cell in sheet[1]]
    return [dict(zip(heading, row)) for row in sheet.iter_rows(min_row=2)]
costs = table(names['sheets']['costs'])
indicators = table(names['sheets']['indicators'])
summary = {row[0].value: row[1] for row in book[names['summary']].iter_rows()}
signed = lambda row: row[names['amount']].value + row[names['vat']].value
typed = lambda cell: {'value': cell.value, 'format': cell.number_format}
print(json.dumps({
    'sheets': book.sheetnames,
    'frozen': {key: book[name].freeze_panes for key, name in names['sheets'].items()},
    'rows': {key: len(table(name)) for key, name in names['sheets'].items()},
    'costsCents': round(sum(signed(row) for row in costs) * 100),
    'approvedCents': round(sum(signed(row) for row in costs if row[names['status']].value == names['approved']) * 100),
    'amountFormat': costs[0][names['amount']].number_format,
    'textTypes': sorted({row[names['supplier']].data_type for row in costs}),
    'towardsTarget': typed(indicators[0][names['towardsTarget']]),
    'wonValue': typed(summary[names['wonValue']]),
    'winRate': typed(summary[names['winRate']]),
    'hoursDelivered': summary[names['hoursDelivered']].value,
}))
`;

function readProjectSheets(path: string, language: ExportLanguage) {
  const { sheet, field, costStatus } = reportLabels[language];
  const names = {
    summary: sheet.summary,
    sheets: { training: sheet.training, offers: sheet.offers, indicators: sheet.indicators, budget: sheet.budget, costs: sheet.costs },
    amount: field.amount,
    vat: field.vat,
    status: field.status,
    approved: costStatus.approved,
    supplier: field.supplier,
    towardsTarget: field.towardsTarget,
    wonValue: field.wonValue,
    winRate: field.winRate,
    hoursDelivered: field.hoursDelivered,
  };
  return JSON.parse(execFileSync(PYTHON, ['-c', READ_PROJECT_SHEETS, path, JSON.stringify(names)], { encoding: 'utf8' }));
}

/** The PDF's text as pdftotext extracts it, with every run of white space made one space. */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).replace(/\s+/g, ' ');
}

/** Without any white space: lines wrap wherever the column ends (after a dash, inside a hash). */
const squashed = (text: string) => text.replace(/\s+/g, '');

describe('the XLSX export of the demo project', () => {
  it('opens in openpyxl with a Summary, a Phases and a Deliverables sheet, each with its header row frozen', async () => {
    const { records } = demoSnapshot('it');
    const path = await writeFile('demo-it.xlsx', async (out) => buildXlsx(await fileSource('demo-it.jsonl', records), out, { snapshotSha256: SHA }));

    const book = readWorkbook(path, 'it');

    expect(book.sheets).toEqual(['Riepilogo', 'Partner', 'Fasi', 'Deliverable', 'Formazione', 'Offerte', 'Indicatori', 'Budget', 'Costi']);
    expect(book.frozen).toMatchObject({ Partner: 'A2', Fasi: 'A2', Deliverable: 'A2', Formazione: 'A2', Offerte: 'A2', Indicatori: 'A2', Budget: 'A2', Costi: 'A2' });
    expect(book.phaseRows).toBe(3);
  });

  it('has one row per deliverable, with the same counts by status, sum of weights and overdue flags as the snapshot', async () => {
    const { records, deliverables } = demoSnapshot('it');
    const path = await writeFile('counts-it.xlsx', async (out) => buildXlsx(await fileSource('counts-it.jsonl', records), out));

    const book = readWorkbook(path, 'it');

    const labels = reportLabels.it.status;
    const expected: Record<string, number> = {};
    for (const { status } of deliverables) expected[labels[status]] = (expected[labels[status]] ?? 0) + 1;
    expect(book.rows).toBe(deliverables.length);
    expect(book.statuses).toEqual(expected);
    expect(book.weights).toBe(deliverables.reduce((sum, d) => sum + d.weight, 0));
    expect(book.overdue).toBe(deliverables.filter((d) => isOverdue(d, TODAY)).length);
  });

  it('keeps a title that looks like a formula a plain string, and writes no formula at all', async () => {
    const { records } = demoSnapshot('it');
    const path = await writeFile('formula-it.xlsx', async (out) => buildXlsx(await fileSource('formula-it.jsonl', records), out));

    const book = readWorkbook(path, 'it');

    expect(book.formula).toEqual([{ type: 's', value: FORMULA_TITLE }]);
    expect(book.formulaXmlTypes).toEqual(['inlineStr']);
    expect(book.formulaElements).toBe(0);
  });

  it('stores dates as dates and the grant in euros with a euro number format', async () => {
    const { records, project } = demoSnapshot('it');
    const path = await writeFile('typed-it.xlsx', async (out) => buildXlsx(await fileSource('typed-it.jsonl', records), out));

    const book = readWorkbook(path, 'it');

    expect(book.dateCount).toBeGreaterThan(0);
    expect(book.datesAreDatetimes).toBe(true);
    expect(book.dateFormat).toBe('dd/mm/yyyy');
    expect(book.grant).toEqual({ value: project.grantCents / 100, format: '#,##0.00 "€"' });
  });

  it('has one row per session, offer, indicator, budget line and cost, with costs that add up to those of the snapshot', async () => {
    const { records } = demoSnapshot('it');
    const path = await writeFile('project-it.xlsx', async (out) => buildXlsx(await fileSource('project-it.jsonl', records), out));

    const book = readProjectSheets(path, 'it');

    const costs = ofKind(records, 'cost').map((record) => record.cost);
    const summary = ofKind(records, 'summary')[0]!;
    expect(book.rows).toEqual({
      training: ofKind(records, 'training').reduce((sum, record) => sum + record.sessions.length, 0),
      offers: ofKind(records, 'offer').length,
      indicators: ofKind(records, 'indicator').length,
      budget: ofKind(records, 'budgetLine').length,
      costs: costs.length,
    });
    expect(book.frozen).toEqual({ training: 'A2', offers: 'A2', indicators: 'A2', budget: 'A2', costs: 'A2' });
    expect(costs.some((cost) => cost.kind === 'reversal')).toBe(true);
    expect(book.costsCents).toBe(costs.reduce((sum, cost) => sum + countedCents(cost), 0));
    expect(book.approvedCents).toBe(summary.money.spending.approvedCents);
    expect(book.amountFormat).toBe('#,##0.00 "€"');
    expect(book.textTypes).toEqual(['s']);
    expect(book.towardsTarget.format).toBe('0.0%');
    expect(book.towardsTarget.value).toBeCloseTo(ofKind(records, 'indicator')[0]!.indicator.progress.percent / 100, 10);
  });

  it('adds the training, offer, indicator and money summaries to the Summary sheet as typed cells', async () => {
    const { records } = demoSnapshot('it');
    const path = await writeFile('summary-it.xlsx', async (out) => buildXlsx(await fileSource('summary-it.jsonl', records), out));

    const book = readProjectSheets(path, 'it');

    const summary = ofKind(records, 'summary')[0]!;
    expect(summary.offers.wonCents).toBeGreaterThan(0);
    expect(book.wonValue).toEqual({ value: summary.offers.wonCents / 100, format: '#,##0.00 "€"' });
    expect(book.winRate.format).toBe('0.0%');
    expect(book.winRate.value).toBeCloseTo(summary.offers.winRatePercent! / 100, 10);
    expect(book.hoursDelivered).toBe(summary.training.hoursDelivered);
  });

  it('names its sheets and columns in English when the export is in English', async () => {
    const { records, deliverables } = demoSnapshot('en');
    const path = await writeFile('demo-en.xlsx', async (out) => buildXlsx(await fileSource('demo-en.jsonl', records), out));

    const book = readWorkbook(path, 'en');

    expect(book.sheets).toEqual(['Summary', 'Partners', 'Phases', 'Deliverables', 'Training', 'Offers', 'Indicators', 'Budget', 'Costs']);
    expect(book.rows).toBe(deliverables.length);
    expect(book.statuses[reportLabels.en.status.accepted]).toBe(deliverables.filter((d) => d.status === 'accepted').length);
  });
});

describe('the PDF export of the demo project', () => {
  it('shows, as pdftotext reads it, the project title, a phase, accented Italian words and the grant in euros', async () => {
    const { records, project, phases } = demoSnapshot('it');
    const path = await writeFile('demo-it.pdf', async (out) => buildPdf(await fileSource('demo-it-pdf.jsonl', records), out, { snapshotSha256: SHA }));

    const text = pdfText(path);

    expect(text).toContain(project.title);
    expect(text).toContain(phases[1]!.title);
    expect(text).toContain('Società cooperativa');
    expect(text).toContain('Sabbioneta');
    expect(text).toContain('attività');
    expect(text).toContain(formatMoney(project.grantCents, 'it').replace(/\s/g, ' '));
    expect(text).toContain('€');
    expect(squashed(text)).toContain(SHA);
  });

  it('reports training, offers, indicators against targets and the accounts after the deliverables', async () => {
    const { records } = demoSnapshot('it');
    const path = await writeFile('project-it.pdf', async (out) => buildPdf(await fileSource('project-it-pdf.jsonl', records), out));

    const text = pdfText(path);

    const money = (cents: number) => formatMoney(cents, 'it').replace(/\s/g, ' ');
    const { section } = reportLabels.it;
    const titles = [section.deliverables, section.training, section.offers, section.indicators, section.accounts];
    const positions = titles.map((title) => text.indexOf(title));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const summary = ofKind(records, 'summary')[0]!;
    const won = ofKind(records, 'offer').find((record) => record.offer.stage === 'won')!.offer;
    expect(squashed(text)).toContain(squashed(won.title));
    expect(text).toContain(money(won.valueCents));
    expect(text).toContain(money(summary.offers.wonCents));
    expect(squashed(text)).toContain(squashed(ofKind(records, 'indicator')[0]!.indicator.name));
    expect(squashed(text)).toContain(squashed(ofKind(records, 'training')[0]!.path.title));
    expect(text).toContain(money(summary.money.spending.approvedCents));
    expect(text).toContain(money(summary.money.payments.receivedCents));
    expect(text).toContain(money(summary.money.payments.dueCents));
  });

  it('lists every deliverable, the formula-looking title as plain text, and numbers its pages', async () => {
    const { records, deliverables } = demoSnapshot('it');
    const path = await writeFile('list-it.pdf', async (out) => buildPdf(await fileSource('list-it-pdf.jsonl', records), out));

    const text = pdfText(path);

    for (const { title } of deliverables) expect(squashed(text)).toContain(squashed(title));
    expect(text).toContain('Pagina 1');
    expect(text).toContain('Pagina 3');
  });

  it('is written in English when the export is in English', async () => {
    const { records, project } = demoSnapshot('en');
    const path = await writeFile('demo-en.pdf', async (out) => buildPdf(await fileSource('demo-en-pdf.jsonl', records), out));

    const text = pdfText(path);

    expect(text).toContain('Progress report');
    expect(text).toContain('Deliverables by phase');
    expect(text).toContain(formatMoney(project.grantCents, 'en'));
    for (const title of ['Training', 'Commercial offers', 'Indicators against targets', 'Accounts']) expect(text).toContain(title);
  });
});

/** A snapshot of `count` made-up deliverables spread over the demo's phases, written record by record. */
async function syntheticSnapshot(name: string, count: number): Promise<string> {
  const { records } = demoSnapshot('it');
  const [head, ...rest] = records;
  const phases = rest.flatMap((record) => (record.kind === 'phase' ? [record.phase] : []));
  const statuses = ['planned', 'in_progress', 'submitted', 'changes_requested', 'accepted'] as const;
  const deliverable = (i: number): Deliverable => {
    const status = statuses[i % statuses.length]!;
    const handedIn = status === 'submitted' || status === 'changes_requested' || status === 'accepted';
    return {
      ...newDeliverable(
        { phaseId: phases[i % phases.length]!.id, ownerMemberId: 'mincio-musei', title: `Deliverable n. ${i} – attività di prova`, kind: 'event', dueDate: '2026-10-01', weight: 1 + (i % 3) },
        { id: `syn-${i}`, consortiumId: 'pantacon', projectId: 'cultnetwork' },
        NOW,
      ),
      status,
      reportedPercent: handedIn ? 100 : 0,
      ...(handedIn ? { submittedAt: '2026-09-30T15:00:00.000Z' } : {}),
      ...(status === 'accepted' ? { acceptedAt: '2026-10-04T10:00:00.000Z' } : {}),
    };
  };
  function* all() {
    for (let i = 0; i < count; i++) yield deliverable(i);
  }
  const header = head as Extract<SnapshotRecord, { kind: 'header' }>;
  async function* synthetic(): AsyncGenerator<SnapshotRecord> {
    yield { ...header, project: { ...header.project, progress: progressOf(recount(all())) } };
    for (const phase of phases) yield { kind: 'phase', phase };
    for (const d of all()) yield { kind: 'deliverable', deliverable: d, history: [] };
    yield { kind: 'footer', counts: { phase: phases.length, deliverable: count } };
  }
  const path = join(folder, name);
  const out = createWriteStream(path);
  for await (const record of synthetic()) if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
  out.end();
  await finished(out);
  return path;
}

const REPO = new URL('../../', import.meta.url).pathname;
/** Builds an XLSX from a snapshot file in a fresh Node process, and answers that process's peak memory. */
const BUILD_IN_CHILD = `
const [snapshot, target] = process.argv.slice(1);
const { createReadStream, createWriteStream } = await import('node:fs');
const { finished } = await import('node:stream/promises');
const { buildXlsx } = await import('./shared/reports/xlsx.ts');
const { fromJsonLines } = await import('./shared/reports/jsonl.ts');
const out = createWriteStream(target);
await buildXlsx(() => fromJsonLines(createReadStream(snapshot)), out);
await finished(out);
console.log(process.resourceUsage().maxRSS);
`;
function peakRssOfXlsxBuild(snapshot: string, target: string): number {
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', BUILD_IN_CHILD, '--', snapshot, target], { cwd: REPO, encoding: 'utf8' });
  return Number(output.trim().split('\n').pop());
}

describe('an export of 10 000 deliverables', () => {
  it('builds the XLSX with every row, in a process whose peak memory stays within 1.5 times that of 1 000', { timeout: 120_000 }, async () => {
    const small = await syntheticSnapshot('synthetic-1k.jsonl', 1_000);
    const large = await syntheticSnapshot('synthetic-10k.jsonl', 10_000);
    const target = join(folder, 'synthetic-10k.xlsx');

    const smallPeak = peakRssOfXlsxBuild(small, join(folder, 'synthetic-1k.xlsx'));
    const largePeak = peakRssOfXlsxBuild(large, target);

    expect(largePeak).toBeLessThan(smallPeak * 1.5);
    const rows = execFileSync(
      PYTHON,
      ['-c', 'import sys; from openpyxl import load_workbook; print(sum(1 for _ in load_workbook(sys.argv[1], read_only=True)[sys.argv[2]].iter_rows(min_row=2)))', target, reportLabels.it.sheet.deliverables],
      { encoding: 'utf8' },
    );
    expect(Number(rows)).toBe(10_000);
  });

  it('builds a PDF that lists them all, with page breaks', { timeout: 120_000 }, async () => {
    const snapshot = await syntheticSnapshot('synthetic-pdf-10k.jsonl', 10_000);

    const path = await writeFile('synthetic-10k.pdf', (out) => buildPdf(() => fromJsonLines(createReadStream(snapshot)), out));

    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThan(300);
    const text = squashed(pdfText(path));
    expect(text).toContain(squashed('Deliverable n. 0 – attività di prova'));
    expect(text).toContain(squashed('Deliverable n. 9999 – attività di prova'));
  });
});
