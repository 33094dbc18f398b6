// The PDF report's layout: fonts, page geometry, colours and the few things drawn on its pages
// (headings, labelled facts, progress bars, tables whose rows never split across pages).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { breathe, formatFact, type Fact } from './format';
import type { ExportLanguage } from './snapshot';

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

export const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
export const INK = '#1a1a1a';
export const GREY = '#5f6368';
export const RULE = '#d0d4d9';
export const ACCEPTED = '#2e7d32';
export const LATE = '#b3261e';

export type Doc = PDFKit.PDFDocument;

export interface Style {
  size: number;
  bold?: boolean;
  color?: string;
}

/** Text across the page's width at the current position, page breaks included. */
export function write(doc: Doc, value: string, style: Style): void {
  doc.font(style.bold ? pdfFonts().bold : pdfFonts().regular).fontSize(style.size).fillColor(style.color ?? INK);
  doc.text(value, MARGIN.left, doc.y, { width: contentWidth(doc) });
}

export const contentWidth = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;
const bottomOf = (doc: Doc) => doc.page.height - MARGIN.bottom;

/** Starts a new page when less than `height` points are left; answers whether it did. */
export function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= bottomOf(doc)) return false;
  doc.addPage();
  return true;
}

export function newSection(doc: Doc, title: string): void {
  doc.addPage();
  doc.outline.addItem(title);
  write(doc, title, { size: 17, bold: true });
  doc.moveDown(0.8);
}

export function subheading(doc: Doc, title: string): void {
  ensureSpace(doc, 40);
  write(doc, title, { size: 12, bold: true });
  doc.moveDown(0.3);
}

/** Labelled values in two columns, such as the cover's. */
export function facts(doc: Doc, rows: [string, string][]): void {
  const labelWidth = 150;
  const valueWidth = contentWidth(doc) - labelWidth - 10;
  for (const [label, value] of rows) {
    const labelHeight = doc.font(pdfFonts().bold).fontSize(9).heightOfString(label, { width: labelWidth }) + 1;
    const valueHeight = doc.font(pdfFonts().regular).fontSize(10).heightOfString(value, { width: valueWidth });
    const height = Math.max(labelHeight, valueHeight, 12) + 5;
    ensureSpace(doc, height);
    const y = doc.y;
    doc.font(pdfFonts().bold).fontSize(9).fillColor(GREY).text(label, MARGIN.left, y + 1, { width: labelWidth });
    doc.font(pdfFonts().regular).fontSize(10).fillColor(INK).text(value, MARGIN.left + labelWidth + 10, y, { width: valueWidth });
    doc.y = y + height;
  }
}

/** A summary's facts in words, in the export's language; `missing` stands for a value not known yet. */
export function factList(doc: Doc, rows: Fact[], language: ExportLanguage, missing?: string): void {
  facts(doc, rows.map((fact) => [fact.label, fact.value === null && missing ? missing : formatFact(fact, language)]));
}

/** Accepted share filled, reported share (if given) as a tick: the progress of record beside the members' word. */
export function progressBar(doc: Doc, accepted: number, reported?: number): void {
  const width = 300;
  const height = 9;
  const { y } = doc;
  doc.rect(MARGIN.left, y, width, height).fill('#e8eaed');
  if (accepted > 0) doc.rect(MARGIN.left, y, (width * accepted) / 100, height).fill(ACCEPTED);
  if (reported !== undefined) {
    const tick = MARGIN.left + (width * reported) / 100;
    doc.moveTo(tick, y - 2).lineTo(tick, y + height + 2).lineWidth(1.5).strokeColor(INK).stroke();
  }
  doc.y = y + height + 5;
}

export interface Run {
  text: string;
  size?: number;
  color?: string;
}
export interface TableColumn {
  label: string;
  width: number;
  align?: 'left' | 'right';
}

export function tableHeading(doc: Doc, columns: TableColumn[]): void {
  ensureSpace(doc, 40);
  tableRow(doc, columns, columns.map((column) => [{ text: column.label, size: 7.5, color: GREY }]), undefined, true);
}

/** One row of stacked runs per cell; a row never splits: it moves to a new page, after `onNewPage`. */
export function tableRow(doc: Doc, columns: TableColumn[], cells: Run[][], onNewPage?: () => void, bold = false): void {
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

/**
 * A table of records as they stream: a heading row (again atop each new page), a row per record,
 * and `empty` in place of rows when there are none.
 */
export async function table<R>(doc: Doc, columns: TableColumn[], records: Iterable<R> | AsyncIterable<R>, cells: (record: R) => Run[][], empty: string): Promise<void> {
  tableHeading(doc, columns);
  let rows = 0;
  for await (const record of records) {
    tableRow(doc, columns, cells(record), () => tableHeading(doc, columns));
    if (++rows % 100 === 0) await breathe();
  }
  if (rows === 0) write(doc, empty, { size: 9, color: GREY });
}

/** The page number at the foot of every page, written as the page starts (nothing is buffered). */
export function footer(doc: Doc, value: string): void {
  const { bottom } = doc.page.margins;
  doc.page.margins.bottom = 0; // writing below the bottom margin must not start another page
  doc.font(pdfFonts().regular).fontSize(8).fillColor(GREY);
  doc.text(value, MARGIN.left, doc.page.height - 40, { width: contentWidth(doc), align: 'center', lineBreak: false });
  doc.page.margins.bottom = bottom;
  doc.x = MARGIN.left;
  doc.y = MARGIN.top;
}
