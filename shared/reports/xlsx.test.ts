import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sampleHeader, sampleRecords, sourceOf } from '../../test/support/standards';
import { newDeliverable, type Deliverable } from '../domain/deliverable';
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
  it('has a Summary, a Partners, a Phases and a Deliverables sheet, named in the export language', async () => {
    const english = await workbookOf(snapshotWith([]));
    const italian = await workbookOf(snapshotWith([], sampleHeader({ language: 'it' })));

    expect(english.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Partners', 'Phases', 'Deliverables']);
    expect(italian.worksheets.map((sheet) => sheet.name)).toEqual(['Riepilogo', 'Partner', 'Fasi', 'Deliverable']);
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

    for (const name of ['Partners', 'Phases', 'Deliverables']) {
      expect(book.getWorksheet(name)!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
  });
});
