// The PDF export: a progress report a funder can file, streamed page by page from the snapshot,
// in the export's language, with DejaVu Sans embedded for accented letters and the euro sign.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { DeliverableStatus } from '../domain/deliverable';
import { isOverdue } from '../domain/schedule';
import { breathe, fill, formatDate, formatInstant, formatMoney, formatPercent, reviewDays, tally, type Tally } from './format';
import { reportLabels, type ReportLabels } from './i18n';
import { header, recordsOf, type SnapshotHeader, type SnapshotPhase, type SnapshotSource } from './snapshot';

export interface PdfOptions {
  /** The snapshot's hash, printed on the cover so that the report can be matched to its snapshot. */
  snapshotSha256?: string;
}

const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/**
 * Where the fonts are: in a `fonts/` folder beside the bundle (`npm run build` copies them there
 * for Lambda), else in the `dejavu-fonts-ttf` package. Looked up on first use, not at import, so
 * that a function that never writes a PDF does not need them. Text selects a font by this path,
 * not by a registered name: pdfkit caches a font under the name it was first opened by, and
 * re-reads the file for any other name of the same font (the default font is the regular one).
 */
let fonts: Record<keyof typeof FONT_FILES, string> | undefined;
export function pdfFonts(): Record<keyof typeof FONT_FILES, string> {
  if (fonts) return fonts;
  const beside = (file: string) => fileURLToPath(new URL(`./fonts/${file}`, import.meta.url));
  const fromPackage = (file: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`);
  const find = (file: string) => (existsSync(beside(file)) ? beside(file) : fromPackage(file));
  fonts = { regular: find(FONT_FILES.regular), bold: find(FONT_FILES.bold) };
  return fonts;
}

const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
const INK = '#1a1a1a';
const GREY = '#5f6368';
const RULE = '#d0d4d9';
const ACCEPTED = '#2e7d32';
const LATE = '#b3261e';

type Doc = PDFKit.PDFDocument;

interface Context {
  doc: Doc;
  source: SnapshotSource;
  head: SnapshotHeader;
  tally: Tally;
  text: ReportLabels;
  options: PdfOptions;
}

/** One part of the report. Adding a kind of record to the export is adding a section. */
type Section = (context: Context) => Promise<void>;

/** Writes the report to `out` and ends it. */
export async function buildPdf(source: SnapshotSource, out: NodeJS.WritableStream, options: PdfOptions = {}): Promise<void> {
  const head = await header(source);
  const text = reportLabels[head.language];
  const generatedAt = new Date(head.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    font: pdfFonts().regular,
    autoFirstPage: false,
    // Pages are flushed as soon as the next one starts, so a long report does not stay in memory;
    // the footer therefore says "page n", not "n of m".
    bufferPages: false,
    lang: head.language,
    displayTitle: true,
    info: {
      Title: `${head.project.title} – ${text.pdf.reportTitle}`,
      Author: head.consortium.name,
      Subject: head.project.call,
      Creator: 'Rete',
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const written = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  // Awaited once the document ends; a failure before then must not go unhandled meanwhile.
  written.catch(() => undefined);
  doc.pipe(out);
  let page = 0;
  doc.on('pageAdded', () => footer(doc, `${head.project.title} · ${fill(text.pdf.page, { page: ++page })}`));

  const context: Context = { doc, source, head, tally: await tally(source, head.asOf), text, options };
  for (const section of SECTIONS) await section(context);
  doc.end();
  await written;
}

async function cover({ doc, head, text, options }: Context): Promise<void> {
  const { project, funder, consortium, language } = head;
  const period = head.period ?? { from: project.startDate, to: head.asOf };
  doc.addPage();
  doc.y = 150;
  write(doc, consortium.name, { size: 11, color: GREY });
  doc.moveDown(0.8);
  write(doc, project.title, { size: 24, bold: true });
  doc.moveDown(0.3);
  write(doc, text.pdf.reportTitle, { size: 15, color: GREY });
  doc.moveDown(2);
  facts(doc, [
    [text.field.funder, `${funder.name}\n${funder.programme}`],
    [text.field.call, project.call],
    [text.field.period, dates(text, period.from, period.to, language)],
    [text.field.projectStart, formatDate(project.startDate, language, 'long')],
    [text.field.projectEnd, formatDate(project.endDate, language, 'long')],
    [text.field.asOf, formatDate(head.asOf, language, 'long')],
    [text.field.generatedAt, formatInstant(head.generatedAt, language, consortium.timeZone)],
    [text.field.exportId, head.exportId],
    ...(options.snapshotSha256 ? [[text.field.sha256, options.snapshotSha256] as [string, string]] : []),
  ]);
}

async function summary({ doc, head, tally, text }: Context): Promise<void> {
  const { project, language } = head;
  newSection(doc, text.section.summary);
  if (project.summary) {
    write(doc, project.summary, { size: 10 });
    doc.moveDown();
  }
  if (project.objectives.length > 0) {
    subheading(doc, text.section.objectives);
    doc.font(pdfFonts().regular).fontSize(10).fillColor(INK);
    doc.list(project.objectives, MARGIN.left, doc.y, { width: contentWidth(doc), bulletRadius: 2, textIndent: 12, paragraphGap: 3 });
    doc.moveDown();
  }
  progressBar(doc, project.progress.acceptedPercent, project.progress.reportedPercent);
  write(doc, progressLine(text, project.progress, language), { size: 9, color: GREY });
  doc.moveDown();
  facts(doc, [
    [text.field.deliverables, String(project.progress.deliverables)],
    ...DeliverableStatus.options.map((status): [string, string] => [text.status[status], String(project.progress.counts[status] ?? 0)]),
    [text.field.overdue, String(tally.overdue)],
    [text.field.grant, formatMoney(project.grantCents, language)],
    [text.field.cofinancing, formatMoney(project.cofinancingCents, language)],
    [text.field.projectTotal, formatMoney(project.grantCents + project.cofinancingCents, language)],
  ]);
  doc.moveDown();
  subheading(doc, text.section.partners);
  const columns = [
    { label: text.field.partner, width: 263 },
    { label: text.field.role, width: 100 },
    { label: text.field.budgetShare, width: 120, align: 'right' as const },
  ];
  tableHeading(doc, columns);
  for (const partner of head.partners) {
    tableRow(doc, columns, [[{ text: partner.name }], [{ text: text.role[partner.role] }], [{ text: formatMoney(partner.budgetShareCents, language) }]]);
  }
}

async function phaseProgress({ doc, head, tally, text }: Context): Promise<void> {
  newSection(doc, text.section.phases);
  for (const phase of byOrder(tally.phases)) {
    ensureSpace(doc, 90);
    phaseHeading(doc, phase, head, text);
    progressBar(doc, phase.progress.acceptedPercent, phase.progress.reportedPercent);
    write(doc, progressLine(text, phase.progress, head.language), { size: 9, color: GREY });
    const counts = DeliverableStatus.options
      .filter((status) => (phase.progress.counts[status] ?? 0) > 0)
      .map((status) => `${phase.progress.counts[status]} ${text.status[status].toLowerCase()}`);
    write(doc, fill(text.pdf.counts, { deliverables: phase.progress.deliverables, counts: counts.join(', ') || '–' }), { size: 9, color: GREY });
    doc.moveDown(1.2);
  }
}

/** One pass over the snapshot per phase (a project has a few), so that rows stream in phase order. */
async function deliverablesByPhase({ doc, source, head, tally, text }: Context): Promise<void> {
  newSection(doc, text.section.deliverables);
  const owners = new Map(head.partners.map((partner) => [partner.id, partner.name]));
  const columns = [
    { label: text.field.title, width: 203 },
    { label: text.field.dueDate, width: 62 },
    { label: text.field.status, width: 90 },
    { label: text.field.submitted, width: 64 },
    { label: text.field.accepted, width: 64 },
  ];
  const known = new Set(tally.phases.map((phase) => phase.id));
  const groups: { phase?: SnapshotPhase['phase']; belongs: (phaseId: string) => boolean }[] = byOrder(tally.phases).map((phase) => ({
    phase,
    belongs: (phaseId) => phaseId === phase.id,
  }));
  if (tally.unplaced > 0) groups.push({ belongs: (phaseId) => !known.has(phaseId) });

  for (const { phase, belongs } of groups) {
    ensureSpace(doc, 100);
    if (phase) phaseHeading(doc, phase, head, text);
    else subheading(doc, text.section.unplaced);
    doc.moveDown(0.3);
    tableHeading(doc, columns);
    let rows = 0;
    for await (const { deliverable: d } of recordsOf(source, 'deliverable')) {
      if (!belongs(d.phaseId)) continue;
      const days = reviewDays(d, head.consortium.timeZone);
      const day = (date: string | undefined) => (date ? formatDate(date, head.language) : '');
      const owner = fill(text.pdf.owner, { owner: owners.get(d.ownerMemberId) ?? d.ownerMemberId, kind: text.kind[d.kind], weight: d.weight });
      const late = isOverdue(d, head.asOf);
      tableRow(doc, columns, [
        [{ text: d.title }, { text: owner, size: 7.5, color: GREY }],
        [{ text: formatDate(d.dueDate, head.language) }],
        [{ text: text.status[d.status], color: d.status === 'accepted' ? ACCEPTED : INK }, ...(late ? [{ text: text.pdf.overdue, size: 7.5, color: LATE }] : [])],
        [{ text: day(days.submitted) }],
        [{ text: day(days.accepted) }],
      ], () => tableHeading(doc, columns));
      if (++rows % 100 === 0) await breathe();
    }
    if (rows === 0) write(doc, text.pdf.noDeliverables, { size: 9, color: GREY });
    doc.moveDown(1.2);
  }
}

const SECTIONS: Section[] = [cover, summary, phaseProgress, deliverablesByPhase];

// ——— drawing helpers ———

interface Style {
  size: number;
  bold?: boolean;
  color?: string;
}

/** Text across the page's width at the current position, page breaks included. */
function write(doc: Doc, value: string, style: Style): void {
  doc.font(style.bold ? pdfFonts().bold : pdfFonts().regular).fontSize(style.size).fillColor(style.color ?? INK);
  doc.text(value, MARGIN.left, doc.y, { width: contentWidth(doc) });
}

const contentWidth = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;
const bottomOf = (doc: Doc) => doc.page.height - MARGIN.bottom;

/** Starts a new page when less than `height` points are left; answers whether it did. */
function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= bottomOf(doc)) return false;
  doc.addPage();
  return true;
}

function newSection(doc: Doc, title: string): void {
  doc.addPage();
  doc.outline.addItem(title);
  write(doc, title, { size: 17, bold: true });
  doc.moveDown(0.8);
}

function subheading(doc: Doc, title: string): void {
  ensureSpace(doc, 40);
  write(doc, title, { size: 12, bold: true });
  doc.moveDown(0.3);
}

function phaseHeading(doc: Doc, phase: SnapshotPhase['phase'], head: SnapshotHeader, text: ReportLabels): void {
  write(doc, `${phase.order}. ${phase.title}`, { size: 11.5, bold: true });
  const when = dates(text, phase.plannedStart, phase.plannedEnd, head.language);
  write(doc, `${when} · ${text.phaseStatus[phase.status]}`, { size: 9, color: GREY });
  doc.moveDown(0.3);
}

/** Labelled values in two columns, such as the cover's. */
function facts(doc: Doc, rows: [string, string][]): void {
  const labelWidth = 150;
  const valueWidth = contentWidth(doc) - labelWidth - 10;
  for (const [label, value] of rows) {
    doc.font(pdfFonts().regular).fontSize(10);
    const height = Math.max(doc.heightOfString(value, { width: valueWidth }), 12) + 5;
    ensureSpace(doc, height);
    const y = doc.y;
    doc.font(pdfFonts().bold).fontSize(9).fillColor(GREY).text(label, MARGIN.left, y + 1, { width: labelWidth });
    doc.font(pdfFonts().regular).fontSize(10).fillColor(INK).text(value, MARGIN.left + labelWidth + 10, y, { width: valueWidth });
    doc.y = y + height;
  }
}

/** Accepted share filled, reported share as a tick: the progress of record beside the members' word. */
function progressBar(doc: Doc, accepted: number, reported: number): void {
  const width = 300;
  const height = 9;
  const { y } = doc;
  doc.rect(MARGIN.left, y, width, height).fill('#e8eaed');
  if (accepted > 0) doc.rect(MARGIN.left, y, (width * accepted) / 100, height).fill(ACCEPTED);
  const tick = MARGIN.left + (width * reported) / 100;
  doc.moveTo(tick, y - 2).lineTo(tick, y + height + 2).lineWidth(1.5).strokeColor(INK).stroke();
  doc.y = y + height + 5;
}

interface Run {
  text: string;
  size?: number;
  color?: string;
}
interface TableColumn {
  label: string;
  width: number;
  align?: 'left' | 'right';
}

function tableHeading(doc: Doc, columns: TableColumn[]): void {
  ensureSpace(doc, 40);
  tableRow(doc, columns, columns.map((column) => [{ text: column.label, size: 7.5, color: GREY }]), undefined, true);
}

/** One row of stacked runs per cell; a row never splits: it moves to a new page, after `onNewPage`. */
function tableRow(doc: Doc, columns: TableColumn[], cells: Run[][], onNewPage?: () => void, bold = false): void {
  const runHeight = (run: Run, width: number) => doc.font(bold ? pdfFonts().bold : pdfFonts().regular).fontSize(run.size ?? 9).heightOfString(run.text || ' ', { width });
  const height = Math.max(...cells.map((runs, i) => runs.reduce((sum, run) => sum + runHeight(run, columns[i]!.width - 6), 0))) + 7;
  if (ensureSpace(doc, height) && onNewPage) onNewPage();
  const top = doc.y;
  let x = MARGIN.left;
  cells.forEach((runs, i) => {
    const column = columns[i]!;
    let y = top + 3;
    for (const run of runs) {
      doc.font(bold ? pdfFonts().bold : pdfFonts().regular).fontSize(run.size ?? 9).fillColor(run.color ?? INK);
      doc.text(run.text, x, y, { width: column.width - 6, align: column.align ?? 'left' });
      y += runHeight(run, column.width - 6);
    }
    x += column.width;
  });
  doc.moveTo(MARGIN.left, top + height).lineTo(x, top + height).lineWidth(0.5).strokeColor(RULE).stroke();
  doc.x = MARGIN.left;
  doc.y = top + height;
}

/** The page number at the foot of every page, written as the page starts (nothing is buffered). */
function footer(doc: Doc, value: string): void {
  const { bottom } = doc.page.margins;
  doc.page.margins.bottom = 0; // writing below the bottom margin must not start another page
  doc.font(pdfFonts().regular).fontSize(8).fillColor(GREY);
  doc.text(value, MARGIN.left, doc.page.height - 40, { width: contentWidth(doc), align: 'center', lineBreak: false });
  doc.page.margins.bottom = bottom;
  doc.x = MARGIN.left;
  doc.y = MARGIN.top;
}

function dates(text: ReportLabels, from: string, to: string, language: SnapshotHeader['language']): string {
  return fill(text.pdf.dates, { from: formatDate(from, language, 'long'), to: formatDate(to, language, 'long') });
}

function progressLine(text: ReportLabels, progress: SnapshotHeader['project']['progress'], language: SnapshotHeader['language']): string {
  return fill(text.pdf.progressLine, { accepted: formatPercent(progress.acceptedPercent, language), reported: formatPercent(progress.reportedPercent, language) });
}

const byOrder = (phases: SnapshotPhase['phase'][]) => [...phases].sort((a, b) => a.order - b.order);
