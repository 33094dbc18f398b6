// The XLSX export: a workbook streamed sheet by sheet from the snapshot, with typed cells
// (dates as dates, money in euros with a euro format, percentages as fractions), frozen headers.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DeliverableStatus } from '../domain/deliverable';
import { isOverdue } from '../domain/schedule';
import {
  DATE_FORMATS,
  DATE_TIME_FORMATS,
  EURO_FORMAT,
  PERCENT_FORMAT,
  breathe,
  reviewDays,
  tally,
  utcMidnight,
  wallClock,
  type Tally,
} from './format';
import { reportLabels, type ReportLabels } from './i18n';
import {
  header,
  recordsOf,
  type SnapshotDeliverable,
  type SnapshotHeader,
  type SnapshotPhase,
  type SnapshotSource,
} from './snapshot';

export interface XlsxOptions {
  /** The snapshot's hash, shown on the Summary sheet. */
  snapshotSha256?: string;
}

type CellValue = string | number | boolean | Date | null;

/**
 * Text as an inline string (`t="inlineStr"`): exceljs would otherwise write `t="str"`, the type of
 * a formula's cached result. Inline strings are plain text whatever they start with (`=`, `+`,
 * `-`, `@`), and unlike shared strings they are not all held in memory until the end.
 */
const cell = (value: CellValue): ExcelJS.CellValue => (typeof value === 'string' ? { richText: [{ text: value }] } : value);

interface Context {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  source: SnapshotSource;
  head: SnapshotHeader;
  tally: Tally;
  text: ReportLabels;
  dateFormat: string;
  options: XlsxOptions;
}

/** One sheet of the workbook. Adding a kind of record to the export is adding a section. */
type Section = (context: Context) => Promise<void>;

/** A column of a table sheet: its heading, width, number format and the value of one record. */
interface Column<R> {
  label: string;
  width: number;
  numFmt?: string;
  value: (record: R) => CellValue;
}

/** Rows are committed as they come; every so often the loop lets the zip stream drain. */
const ROWS_BETWEEN_BREATHS = 500;

/** Writes the workbook to `out` and ends it. */
export async function buildXlsx(source: SnapshotSource, out: NodeJS.WritableStream, options: XlsxOptions = {}): Promise<void> {
  const head = await header(source);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as Writable, useStyles: true, useSharedStrings: false });
  workbook.creator = workbook.lastModifiedBy = 'Rete';
  workbook.created = workbook.modified = new Date(head.generatedAt);
  const context: Context = {
    workbook,
    source,
    head,
    tally: await tally(source, head.asOf),
    text: reportLabels[head.language],
    dateFormat: DATE_FORMATS[head.language],
    options,
  };
  for (const section of SECTIONS) await section(context);
  await workbook.commit();
}

const euros = (cents: number) => cents / 100;
const fraction = (percent: number) => percent / 100;

async function summarySheet({ workbook, head, tally, text, dateFormat, options }: Context): Promise<void> {
  const { project, consortium, funder } = head;
  const period = head.period ?? { from: project.startDate, to: head.asOf };
  const facts: [string, CellValue, string?][] = [
    [text.field.project, project.title],
    [text.field.consortium, consortium.name],
    [text.field.funder, funder.name],
    [text.field.programme, funder.programme],
    [text.field.call, project.call],
    [text.field.periodFrom, utcMidnight(period.from), dateFormat],
    [text.field.periodTo, utcMidnight(period.to), dateFormat],
    [text.field.projectStart, utcMidnight(project.startDate), dateFormat],
    [text.field.projectEnd, utcMidnight(project.endDate), dateFormat],
    [text.field.asOf, utcMidnight(head.asOf), dateFormat],
    [text.field.generatedAt, wallClock(head.generatedAt, consortium.timeZone), DATE_TIME_FORMATS[head.language]],
    [text.field.exportId, head.exportId],
    ...(options.snapshotSha256 ? [[text.field.sha256, options.snapshotSha256] as [string, CellValue]] : []),
    [text.field.grant, euros(project.grantCents), EURO_FORMAT],
    [text.field.cofinancing, euros(project.cofinancingCents), EURO_FORMAT],
    [text.field.projectTotal, euros(project.grantCents + project.cofinancingCents), EURO_FORMAT],
    [text.field.acceptedPercent, fraction(project.progress.acceptedPercent), PERCENT_FORMAT],
    [text.field.reportedPercent, fraction(project.progress.reportedPercent), PERCENT_FORMAT],
    [text.field.deliverables, project.progress.deliverables],
    ...DeliverableStatus.options.map((status): [string, CellValue] => [text.status[status], project.progress.counts[status] ?? 0]),
    [text.field.overdue, tally.overdue],
    [text.field.weightTotal, tally.weightTotal],
  ];
  const sheet = workbook.addWorksheet(text.sheet.summary);
  sheet.columns = [{ width: 36 }, { width: 70 }];
  for (const [label, value, numFmt] of facts) {
    const row = sheet.addRow([cell(label), cell(value)]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { horizontal: 'left', wrapText: true };
    if (numFmt) row.getCell(2).numFmt = numFmt;
    row.commit();
  }
  sheet.commit();
}

async function partnersSheet({ workbook, head, text }: Context): Promise<void> {
  await writeTable<SnapshotHeader['partners'][number]>(workbook, text.sheet.partners, head.partners, [
    { label: text.field.partner, width: 50, value: (p) => p.name },
    { label: text.field.role, width: 16, value: (p) => text.role[p.role] },
    { label: text.field.orgId, width: 24, value: (p) => p.orgId },
    { label: text.field.sector, width: 28, value: (p) => p.sector },
    { label: text.field.city, width: 22, value: (p) => p.city ?? null },
    { label: text.field.budgetShare, width: 18, numFmt: EURO_FORMAT, value: (p) => euros(p.budgetShareCents) },
  ]);
}

async function phasesSheet({ workbook, source, text, dateFormat }: Context): Promise<void> {
  await writeTable<SnapshotPhase>(workbook, text.sheet.phases, recordsOf(source, 'phase'), [
    { label: text.field.order, width: 6, value: ({ phase }) => phase.order },
    { label: text.field.phase, width: 60, value: ({ phase }) => phase.title },
    { label: text.field.status, width: 14, value: ({ phase }) => text.phaseStatus[phase.status] },
    { label: text.field.plannedStart, width: 14, numFmt: dateFormat, value: ({ phase }) => utcMidnight(phase.plannedStart) },
    { label: text.field.plannedEnd, width: 14, numFmt: dateFormat, value: ({ phase }) => utcMidnight(phase.plannedEnd) },
    { label: text.field.deliverables, width: 12, value: ({ phase }) => phase.progress.deliverables },
    ...DeliverableStatus.options.map((status): Column<SnapshotPhase> => ({
      label: text.status[status],
      width: 14,
      value: ({ phase }) => phase.progress.counts[status] ?? 0,
    })),
    { label: text.field.acceptedPercent, width: 14, numFmt: PERCENT_FORMAT, value: ({ phase }) => fraction(phase.progress.acceptedPercent) },
    { label: text.field.reportedPercent, width: 14, numFmt: PERCENT_FORMAT, value: ({ phase }) => fraction(phase.progress.reportedPercent) },
  ]);
}

async function deliverablesSheet({ workbook, source, head, tally, text, dateFormat }: Context): Promise<void> {
  const phaseTitles = new Map(tally.phases.map((phase) => [phase.id, phase.title]));
  const ownerNames = new Map(head.partners.map((partner) => [partner.id, partner.name]));
  const day = (date: string | undefined) => (date ? utcMidnight(date) : null);
  await writeTable<SnapshotDeliverable>(workbook, text.sheet.deliverables, recordsOf(source, 'deliverable'), [
    { label: text.field.id, width: 18, value: ({ deliverable: d }) => d.id },
    { label: text.field.phase, width: 36, value: ({ deliverable: d }) => phaseTitles.get(d.phaseId) ?? d.phaseId },
    { label: text.field.title, width: 56, value: ({ deliverable: d }) => d.title },
    { label: text.field.owner, width: 40, value: ({ deliverable: d }) => ownerNames.get(d.ownerMemberId) ?? d.ownerMemberId },
    { label: text.field.kind, width: 14, value: ({ deliverable: d }) => text.kind[d.kind] },
    { label: text.field.dueDate, width: 13, numFmt: dateFormat, value: ({ deliverable: d }) => utcMidnight(d.dueDate) },
    { label: text.field.status, width: 20, value: ({ deliverable: d }) => text.status[d.status] },
    { label: text.field.weight, width: 8, value: ({ deliverable: d }) => d.weight },
    { label: text.field.reported, width: 12, numFmt: '0%', value: ({ deliverable: d }) => fraction(d.reportedPercent) },
    { label: text.field.submitted, width: 14, numFmt: dateFormat, value: ({ deliverable: d }) => day(reviewDays(d, head.consortium.timeZone).submitted) },
    { label: text.field.accepted, width: 14, numFmt: dateFormat, value: ({ deliverable: d }) => day(reviewDays(d, head.consortium.timeZone).accepted) },
    { label: text.field.overdue, width: 10, value: ({ deliverable: d }) => isOverdue(d, head.asOf) },
  ]);
}

const SECTIONS: Section[] = [summarySheet, partnersSheet, phasesSheet, deliverablesSheet];

/** A sheet with a bold, frozen heading row, an auto filter and one row per record, committed as it is written. */
async function writeTable<R>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  records: Iterable<R> | AsyncIterable<R>,
  columns: Column<R>[],
): Promise<void> {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' }] });
  sheet.columns = columns.map(({ width, numFmt }) => ({ width, style: numFmt ? { numFmt } : {} }));
  const heading = sheet.addRow(columns.map((column) => cell(column.label)));
  heading.font = { bold: true };
  heading.commit();
  let rows = 1;
  for await (const record of records) {
    sheet.addRow(columns.map((column) => cell(column.value(record)))).commit();
    if (++rows % ROWS_BETWEEN_BREATHS === 0) await breathe();
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows, column: columns.length } };
  sheet.commit();
}
