// The XLSX export: a workbook streamed sheet by sheet from the snapshot, with typed cells
// (dates as dates, money in euros with a euro format, percentages as fractions), frozen headers.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { BudgetLine } from '../domain/budget';
import { DeliverableStatus } from '../domain/deliverable';
import { OfferStage } from '../domain/offer';
import { isOverdue } from '../domain/schedule';
import {
  DATE_FORMATS,
  DATE_TIME_FORMATS,
  EURO_FORMAT,
  PERCENT_FORMAT,
  breathe,
  fill,
  indicatorFacts,
  moneyFacts,
  offerFacts,
  reviewDays,
  tally,
  trainingFacts,
  utcMidnight,
  wallClock,
  type Fact,
  type Tally,
} from './format';
import { reportLabels, type ReportLabels } from './i18n';
import {
  header,
  recordsOf,
  type SnapshotCost,
  type SnapshotDeliverable,
  type SnapshotHeader,
  type SnapshotIndicator,
  type SnapshotOffer,
  type SnapshotPhase,
  type SnapshotSource,
  type SnapshotTraining,
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
  /** A partner's name, or its id if the header does not list it. */
  partnerName: (memberId: string) => string;
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
  const partnerNames = new Map(head.partners.map((partner) => [partner.id, partner.name]));
  const context: Context = {
    workbook,
    source,
    head,
    tally: await tally(source, head.asOf),
    text: reportLabels[head.language],
    dateFormat: DATE_FORMATS[head.language],
    options,
    partnerName: (memberId) => partnerNames.get(memberId) ?? memberId,
  };
  for (const section of SECTIONS) await section(context);
  await workbook.commit();
}

const euros = (cents: number) => cents / 100;
const fraction = (percent: number) => percent / 100;

/** A row of the Summary sheet: a label, its value and number format; a label alone heads a group. */
type SummaryRow = [label: string, value?: CellValue, numFmt?: string];

/** A summary's fact as a typed cell: euros with the euro format, percentages as fractions. */
function typed({ label, value, as }: Fact): SummaryRow {
  if (typeof value !== 'number') return [label, value];
  if (as === 'cents') return [label, euros(value), EURO_FORMAT];
  if (as === 'percent') return [label, fraction(value), PERCENT_FORMAT];
  return [label, value];
}

/** The training, offer, indicator and money summaries, when the snapshot carries them. */
function summaryGroups({ tally, text, partnerName }: Context): SummaryRow[] {
  const { summary } = tally;
  if (!summary) return [];
  const { budget, cofinancing, payments } = moneyFacts(summary.money, text);
  const byStage = OfferStage.options.flatMap((stage): SummaryRow[] => [
    [fill(text.field.offersAtStage, { stage: text.stage[stage] }), summary.offers.byStage[stage]?.count ?? 0],
    [fill(text.field.valueAtStage, { stage: text.stage[stage] }), euros(summary.offers.byStage[stage]?.valueCents ?? 0), EURO_FORMAT],
  ]);
  return [
    [text.section.training],
    ...trainingFacts(summary.training, text, partnerName).map(typed),
    [text.section.offers],
    ...offerFacts(summary.offers, text).map(typed),
    ...byStage,
    [text.section.indicators],
    ...indicatorFacts(summary.indicators, text).map(typed),
    [text.section.accounts],
    ...[...budget, ...cofinancing, ...payments].map(typed),
  ];
}

async function summarySheet(context: Context): Promise<void> {
  const { workbook, head, tally, text, dateFormat, options } = context;
  const { project, consortium, funder } = head;
  const period = head.period ?? { from: project.startDate, to: head.asOf };
  const facts: SummaryRow[] = [
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
    ...summaryGroups(context),
  ];
  const sheet = workbook.addWorksheet(text.sheet.summary);
  sheet.columns = [{ width: 44 }, { width: 70 }];
  for (const [label, value, numFmt] of facts) {
    if (value === undefined) {
      // A group's heading: a gap above it, the title in bold and larger.
      sheet.addRow([]).commit();
      const heading = sheet.addRow([cell(label)]);
      heading.getCell(1).font = { bold: true, size: 12 };
      heading.commit();
      continue;
    }
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

async function trainingSheet({ workbook, source, text, dateFormat }: Context): Promise<void> {
  type Row = { path: SnapshotTraining['path']; session: SnapshotTraining['sessions'][number] };
  async function* sessions(): AsyncGenerator<Row> {
    for await (const { path, sessions } of recordsOf(source, 'training')) for (const session of sessions) yield { path, session };
  }
  await writeTable<Row>(workbook, text.sheet.training, sessions(), [
    { label: text.field.trainingPath, width: 44, value: ({ path }) => path.title },
    { label: text.field.topic, width: 16, value: ({ path }) => text.topic[path.topic] },
    { label: text.field.session, width: 44, value: ({ session }) => session.title ?? null },
    { label: text.field.date, width: 13, numFmt: dateFormat, value: ({ session }) => utcMidnight(session.date) },
    { label: text.field.hours, width: 8, value: ({ session }) => session.hours },
    { label: text.field.status, width: 14, value: ({ session }) => text.sessionStatus[session.status] },
    { label: text.field.participants, width: 13, value: ({ session }) => session.totals.participants },
    { label: text.field.personHours, width: 13, value: ({ session }) => session.totals.personHours },
  ]);
}

async function offersSheet({ workbook, source, text }: Context): Promise<void> {
  await writeTable<SnapshotOffer>(workbook, text.sheet.offers, recordsOf(source, 'offer'), [
    { label: text.field.title, width: 50, value: ({ offer }) => offer.title },
    { label: text.field.format, width: 30, value: ({ offer }) => offer.format },
    { label: text.field.clientType, width: 14, value: ({ offer }) => text.clientType[offer.clientType] },
    { label: text.field.client, width: 40, value: ({ offer }) => offer.clientName },
    { label: text.field.value, width: 16, numFmt: EURO_FORMAT, value: ({ offer }) => euros(offer.valueCents) },
    { label: text.field.stage, width: 14, value: ({ offer }) => text.stage[offer.stage] },
  ]);
}

async function indicatorsSheet({ workbook, source, text, dateFormat }: Context): Promise<void> {
  await writeTable<SnapshotIndicator>(workbook, text.sheet.indicators, recordsOf(source, 'indicator'), [
    { label: text.field.indicator, width: 50, value: ({ indicator }) => indicator.name },
    { label: text.field.unit, width: 18, value: ({ indicator }) => indicator.unit },
    { label: text.field.baseline, width: 12, value: ({ indicator }) => indicator.baseline },
    { label: text.field.target, width: 12, value: ({ indicator }) => indicator.target },
    { label: text.field.targetDate, width: 13, numFmt: dateFormat, value: ({ indicator }) => utcMidnight(indicator.targetDate) },
    { label: text.field.current, width: 14, value: ({ indicator }) => indicator.progress.current },
    { label: text.field.currentOn, width: 13, numFmt: dateFormat, value: ({ indicator: { progress } }) => (progress.currentOn ? utcMidnight(progress.currentOn) : null) },
    { label: text.field.towardsTarget, width: 14, numFmt: PERCENT_FORMAT, value: ({ indicator }) => fraction(indicator.progress.percent) },
    { label: text.field.achieved, width: 10, value: ({ indicator }) => indicator.progress.achieved },
  ]);
}

/** A budget line as people name it: its description, else its category. */
const lineName = (line: BudgetLine, text: ReportLabels) => line.description || text.category[line.category];

async function budgetSheet({ workbook, source, text, partnerName }: Context): Promise<void> {
  const lines = async function* () {
    for await (const { line } of recordsOf(source, 'budgetLine')) yield line;
  };
  await writeTable<BudgetLine>(workbook, text.sheet.budget, lines(), [
    { label: text.field.budgetLine, width: 40, value: (line) => lineName(line, text) },
    { label: text.field.partner, width: 40, value: (line) => partnerName(line.memberId) },
    { label: text.field.category, width: 20, value: (line) => text.category[line.category] },
    { label: text.field.grant, width: 16, numFmt: EURO_FORMAT, value: (line) => euros(line.grantCents) },
    { label: text.field.cofinancing, width: 16, numFmt: EURO_FORMAT, value: (line) => euros(line.cofinancingCents) },
    { label: text.field.approvedSpend, width: 16, numFmt: EURO_FORMAT, value: (line) => euros(line.approvedCents) },
    { label: text.field.remaining, width: 16, numFmt: EURO_FORMAT, value: (line) => euros(line.grantCents + line.cofinancingCents - line.approvedCents) },
  ]);
}

/**
 * Every cost in every status. A reversal's amounts are negative, as it counts against the budget,
 * so that the approved rows add up to the approved spend.
 */
async function costsSheet({ workbook, source, text, dateFormat, partnerName }: Context): Promise<void> {
  const lineNames = new Map<string, string>(); // a project has at most a few hundred lines
  for await (const { line } of recordsOf(source, 'budgetLine')) lineNames.set(line.id, lineName(line, text));
  const signed = (cost: SnapshotCost['cost'], cents: number) => euros(cost.kind === 'reversal' ? -cents : cents);
  await writeTable<SnapshotCost>(workbook, text.sheet.costs, recordsOf(source, 'cost'), [
    { label: text.field.date, width: 13, numFmt: dateFormat, value: ({ cost }) => utcMidnight(cost.date) },
    { label: text.field.partner, width: 36, value: ({ cost }) => partnerName(cost.memberId) },
    { label: text.field.budgetLine, width: 32, value: ({ cost }) => lineNames.get(cost.budgetLineId) ?? cost.budgetLineId },
    { label: text.field.supplier, width: 30, value: ({ cost }) => cost.supplier },
    { label: text.field.description, width: 60, value: ({ cost }) => cost.description },
    { label: text.field.amount, width: 18, numFmt: EURO_FORMAT, value: ({ cost }) => signed(cost, cost.amountCents) },
    { label: text.field.vat, width: 14, numFmt: EURO_FORMAT, value: ({ cost }) => signed(cost, cost.vatCents) },
    { label: text.field.status, width: 13, value: ({ cost }) => text.costStatus[cost.status] },
    { label: text.field.kind, width: 12, value: ({ cost }) => text.costKind[cost.kind] },
  ]);
}

const SECTIONS: Section[] = [
  summarySheet,
  partnersSheet,
  phasesSheet,
  deliverablesSheet,
  trainingSheet,
  offersSheet,
  indicatorsSheet,
  budgetSheet,
  costsSheet,
];

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
