import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sampleHeader, sampleRecords, sourceOf } from '../../test/support/standards';
import { newBudgetLine } from '../domain/budget';
import { newCost, type Cost } from '../domain/cost';
import { newDeliverable, type Deliverable } from '../domain/deliverable';
import { moneySummary, zeroMoney } from '../domain/money';
import { newOffer, offerSummary } from '../domain/offer';
import { trainingSummary, zeroTrainingTotals } from '../domain/training';
import type { SnapshotRecord } from './snapshot';
import { buildXlsx } from './xlsx';

const NOW = '2026-01-10T10:00:00.000Z';

const deliverable = (id: string, fields: Partial<Deliverable> = {}): Deliverable => ({
  ...newDeliverable(
    { phaseId: 'p1', ownerMemberId: 'lead', title: `Deliverable ${id}`, kind: 'report', dueDate: '2026-02-15', weight: 1 },
    { id, consortiumId: 'coop', projectId: 'net' },
    NOW,
  ),
  ...fields,
});

/** The sample snapshot (two phases and a kind no builder knows) with these deliverables before its footer. */
function snapshotWith(deliverables: Deliverable[], header = sampleHeader()): SnapshotRecord[] {
  const records = sampleRecords(header);
  const footer = records.pop()!;
  return [...records, ...deliverables.map((d): SnapshotRecord => ({ kind: 'deliverable', deliverable: d, history: [] })), footer];
}

const ids = { consortiumId: 'coop', projectId: 'net' };
const audit = { version: 1, createdAt: NOW, updatedAt: NOW };

/**
 * The sample snapshot with what follows the deliverables: a summary, a training path of two
 * sessions, two offers, an indicator, a budget line and its costs (one approved, then reversed).
 */
function withProjectRecords(header = sampleHeader()): SnapshotRecord[] {
  const records = sampleRecords(header);
  const footer = records.pop()!;
  const totals = { ...zeroTrainingTotals(), sessions: 2, sessionsHeld: 1, sessionsPlanned: 1, hoursDelivered: 3.5, attendances: 1, participants: 4, personHours: 14, membersTakingPart: 1 };
  const session = (id: string, status: 'held' | 'planned', participants: number) => ({
    id, consortiumId: 'coop', trainingId: 'tp', date: '2026-02-10', hours: 3.5, title: `Session ${id}`, online: true, status, ...audit,
    totals: { attendances: participants > 0 ? 1 : 0, participants, personHours: participants * 3.5 },
  });
  const offer = (id: string, title: string, valueCents: number, stage: 'won' | 'proposed') => ({
    ...newOffer({ title, format: 'tour', participants: [{ memberId: 'lead', shareBasisPoints: 10_000 }], clientType: 'public', clientName: 'Comune', valueCents }, { id, ...ids }, 'p', '2026-01-10', NOW),
    stage,
  });
  const offers = [offer('o1', '+39 tour', 1_234_500, 'won'), offer('o2', 'Laboratori', 500_000, 'proposed')];
  const line = { ...newBudgetLine({ memberId: 'lead', category: 'staff', grantCents: 100_000, cofinancingCents: 20_000 }, { id: 'bl1', ...ids }, NOW), approvedCents: 50_000 };
  const cost: Cost = {
    ...newCost({ date: '2026-02-01', description: 'Staff, January', supplier: '=SUM(A1:A2)', amountCents: 50_000, vatCents: 10_000, documents: [] }, { ...ids, id: 'bl1', memberId: 'lead' }, 'c1', { personId: 'p', at: NOW }),
    status: 'approved',
  };
  const reversal: Cost = { ...cost, id: 'c2', kind: 'reversal', amountCents: 8_000, vatCents: 2_000, reversesCostId: 'c1' };
  const counters = { ...zeroMoney(), budgetGrantCents: 100_000, budgetCofinancingCents: 20_000, budgetLines: 1, approvedCents: 50_000 };
  const extra: SnapshotRecord[] = [
    {
      kind: 'summary',
      training: trainingSummary({ ...totals, paths: 1 }, ['lead'], ['lead']),
      offers: offerSummary(offers),
      indicators: { indicators: 1, achieved: 0, late: 0 },
      money: moneySummary(header.project, counters),
    },
    {
      kind: 'training',
      path: { id: 'tp', consortiumId: 'coop', projectId: 'net', topic: 'fundraising', title: 'Raccolta fondi', ...audit, totals },
      sessions: [session('s1', 'held', 4), session('s2', 'planned', 0)],
    },
    ...offers.map((o): SnapshotRecord => ({ kind: 'offer', offer: o })),
    {
      kind: 'indicator',
      indicator: {
        id: 'i1', ...ids, name: 'Ore di formazione', unit: 'ore', baseline: 0, target: 80, targetDate: '2027-01-31', metric: 'training_hours', actuals: [], ...audit,
        progress: { current: 3.5, currentOn: '2026-03-02', percent: 4.4, achieved: false, late: false, inEuroCents: false },
      },
    },
    { kind: 'budgetLine', line },
    { kind: 'cost', cost },
    { kind: 'cost', cost: reversal },
  ];
  return [...records, ...extra, footer];
}

async function workbookOf(records: SnapshotRecord[], options = {}): Promise<ExcelJS.Workbook> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write: (chunk, _encoding, done) => (chunks.push(Buffer.from(chunk)), done()) });
  await buildXlsx(sourceOf(records), out, options);
  expect(out.writableFinished).toBe(true);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return book;
}

/** The rows of a sheet below its heading, as cells keyed by the heading's labels. */
function rowsOf(sheet: ExcelJS.Worksheet): Record<string, ExcelJS.Cell>[] {
  const columns: [string, number][] = [];
  sheet.getRow(1).eachCell((cell, column) => columns.push([cell.text, column]));
  const rows: Record<string, ExcelJS.Cell>[] = [];
  sheet.eachRow((row, number) => {
    if (number > 1) rows.push(Object.fromEntries(columns.map(([label, column]) => [label, row.getCell(column)])));
  });
  return rows;
}

describe('the XLSX workbook', () => {
  it('has a Summary sheet, then a sheet per table, named in the export language', async () => {
    const english = await workbookOf(snapshotWith([]));
    const italian = await workbookOf(snapshotWith([], sampleHeader({ language: 'it' })));

    expect(english.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Partners', 'Phases', 'Deliverables', 'Training', 'Offers', 'Indicators', 'Budget', 'Costs']);
    expect(italian.worksheets.map((sheet) => sheet.name)).toEqual(['Riepilogo', 'Partner', 'Fasi', 'Deliverable', 'Formazione', 'Offerte', 'Indicatori', 'Budget', 'Costi']);
  });

  it('keeps titles that start like a formula as plain text', async () => {
    const titles = ['=HYPERLINK("http://x","y")', '+39 035 123', '-1', '@SUM(A1:A2)'];
    const book = await workbookOf(snapshotWith(titles.map((title, i) => deliverable(`f${i}`, { title }))));

    const cells = rowsOf(book.getWorksheet('Deliverables')!).map((row) => row.Title!);

    expect(cells.map((cell) => cell.text)).toEqual(titles);
    for (const cell of cells) {
      expect(cell.formula).toBeUndefined();
      expect(cell.type).toBe(ExcelJS.ValueType.RichText);
    }
  });

  it('types its cells: due dates as whole days, percentages as fractions, weights and money as numbers', async () => {
    const accepted = deliverable('a', { status: 'accepted', weight: 3, reportedPercent: 100, submittedOn: '2026-02-14', acceptedAt: '2026-02-17T23:30:00.000Z' });
    const book = await workbookOf(snapshotWith([accepted]), { snapshotSha256: 'f'.repeat(64) });

    const [row] = rowsOf(book.getWorksheet('Deliverables')!);
    expect(row!['Due date']!.value).toEqual(new Date('2026-02-15T00:00:00.000Z'));
    expect(row!['Submitted on']!.value).toEqual(new Date('2026-02-14T00:00:00.000Z'));
    expect(row!['Accepted on']!.value).toEqual(new Date('2026-02-18T00:00:00.000Z'));
    expect(row!['Reported %']!.value).toBe(1);
    expect(row!.Weight!.value).toBe(3);
    expect(row!.Overdue!.value).toBe(false);

    const summary = new Map<string, ExcelJS.Cell>();
    book.getWorksheet('Summary')!.eachRow((r) => summary.set(r.getCell(1).text, r.getCell(2)));
    expect(summary.get('Grant')!.value).toBe(123_456.78);
    expect(summary.get('Grant')!.numFmt).toBe('#,##0.00 "€"');
    expect(summary.get('Progress (accepted)')!.value).toBe(0.25);
    expect(summary.get('Snapshot SHA-256')!.text).toBe('f'.repeat(64));
  });

  it('lists deliverables whose phase is not in the snapshot, and flags open work past its due date', async () => {
    const stray = deliverable('stray', { phaseId: 'gone', dueDate: '2026-04-01', status: 'in_progress' });
    const book = await workbookOf(snapshotWith([deliverable('d1'), stray]));

    const rows = rowsOf(book.getWorksheet('Deliverables')!);

    expect(rows.map((row) => [row.Phase!.text, row.Overdue!.value])).toEqual([
      ['Phase 1 & more', true],
      ['gone', false],
    ]);
  });

  it('freezes the heading row of every table sheet', async () => {
    const book = await workbookOf(snapshotWith([deliverable('d1')]));

    for (const name of ['Partners', 'Phases', 'Deliverables', 'Training', 'Offers', 'Indicators', 'Budget', 'Costs']) {
      expect(book.getWorksheet(name)!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
  });

  it('adds the training, offer, indicator and money summaries to the Summary sheet, typed', async () => {
    const book = await workbookOf(withProjectRecords());

    const summary = new Map<string, ExcelJS.Cell>();
    book.getWorksheet('Summary')!.eachRow((r) => summary.set(r.getCell(1).text, r.getCell(2)));
    expect(summary.get('Hours delivered')!.value).toBe(3.5);
    expect(summary.get('Value of offers won')!.value).toBe(12_345);
    expect(summary.get('Value of offers won')!.numFmt).toBe('#,##0.00 "€"');
    expect(summary.get('Win rate (won of decided)')!.value).toBe(1);
    expect(summary.get('Win rate (won of decided)')!.numFmt).toBe('0.0%');
    expect(summary.get('Offers: Proposed')!.value).toBe(1);
    expect(summary.get('Indicators')!.value).toBe(1);
    expect(summary.get('Approved spend')!.value).toBe(500);
    expect(summary.get('Still due from the funder')!.value).toBe(123_456.78);
    expect(summary.get('Members not yet taking part')!.text).toBe('–');
  });

  it('writes a row per session, offer, indicator and budget line, with typed cells', async () => {
    const book = await workbookOf(withProjectRecords());

    const sessions = rowsOf(book.getWorksheet('Training')!);
    expect(sessions.map((row) => [row['Training path']!.text, row.Topic!.text, row.Status!.text, row.Participants!.value])).toEqual([
      ['Raccolta fondi', 'Fundraising', 'Held', 4],
      ['Raccolta fondi', 'Fundraising', 'Planned', 0],
    ]);
    expect(sessions[0]!.Date!.value).toEqual(new Date('2026-02-10T00:00:00.000Z'));
    expect(sessions[0]!['Person-hours']!.value).toBe(14);

    const [offer] = rowsOf(book.getWorksheet('Offers')!);
    expect(offer!.Title!.type).toBe(ExcelJS.ValueType.RichText);
    expect([offer!.Title!.text, offer!.Value!.value, offer!.Stage!.text, offer!['Client type']!.text]).toEqual(['+39 tour', 12_345, 'Won', 'Public']);

    const [indicator] = rowsOf(book.getWorksheet('Indicators')!);
    expect(indicator!['% towards target']!.value).toBeCloseTo(0.044, 10);
    expect(indicator!['% towards target']!.numFmt).toBe('0.0%');
    expect(indicator!.Achieved!.value).toBe(false);

    const [line] = rowsOf(book.getWorksheet('Budget')!);
    expect([line!['Budget line']!.text, line!.Partner!.text, line!.Grant!.value, line!['Approved spend']!.value, line!.Remaining!.value]).toEqual([
      'Staff', 'Lead Società <coop>', 1_000, 500, 700,
    ]);
  });

  it('lists every cost, a reversal with negative amounts, so that approved rows add up to the approved spend', async () => {
    const book = await workbookOf(withProjectRecords());

    const costs = rowsOf(book.getWorksheet('Costs')!);
    expect(costs.map((row) => [row.Kind!.text, row['Amount (excl. VAT)']!.value, row.VAT!.value, row.Status!.text])).toEqual([
      ['Cost', 500, 100, 'Approved'],
      ['Reversal', -80, -20, 'Approved'],
    ]);
    expect(costs.reduce((sum, row) => sum + (row['Amount (excl. VAT)']!.value as number) + (row.VAT!.value as number), 0)).toBe(500);
    expect(costs[0]!['Budget line']!.text).toBe('Staff');
    expect(costs[0]!.Supplier!.text).toBe('=SUM(A1:A2)');
    expect(costs[0]!.Supplier!.formula).toBeUndefined();
    expect(costs[0]!['Amount (excl. VAT)']!.numFmt).toBe('#,##0.00 "€"');
  });
});
