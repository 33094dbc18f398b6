// The CSV export: one file per table, UTF-8 with a BOM (so spreadsheet programs read Italian text
// right), streamed with csv-stringify. Text that a spreadsheet would run as a formula is made inert.
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { recordsOf, type SnapshotSource } from './snapshot';

const BOM = '\uFEFF';

/** Cells starting like a formula get a leading quote; numbers stay numbers. */
export function inertCell(value: unknown): unknown {
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value;
}

type Row = Record<string, unknown>;

export interface CsvTable {
  /** The file name, e.g. `deliverables.csv`. */
  name: string;
  columns: string[];
  rows: (source: SnapshotSource) => AsyncIterable<Row>;
}

export const CSV_TABLES: CsvTable[] = [
  {
    name: 'phases.csv',
    columns: ['phaseId', 'order', 'title', 'status', 'plannedStart', 'plannedEnd', 'deliverables', 'acceptedPercent', 'reportedPercent'],
    async *rows(source) {
      for await (const { phase } of recordsOf(source, 'phase')) {
        yield {
          phaseId: phase.id, order: phase.order, title: phase.title, status: phase.status,
          plannedStart: phase.plannedStart, plannedEnd: phase.plannedEnd, deliverables: phase.progress.deliverables,
          acceptedPercent: phase.progress.acceptedPercent, reportedPercent: phase.progress.reportedPercent,
        };
      }
    },
  },
  {
    name: 'deliverables.csv',
    columns: ['deliverableId', 'phaseId', 'title', 'kind', 'ownerMemberId', 'dueDate', 'status', 'weight', 'reportedPercent', 'submittedAt', 'acceptedAt', 'logEntries'],
    async *rows(source) {
      for await (const { deliverable: d, history } of recordsOf(source, 'deliverable')) {
        yield {
          deliverableId: d.id, phaseId: d.phaseId, title: d.title, kind: d.kind, ownerMemberId: d.ownerMemberId,
          dueDate: d.dueDate, status: d.status, weight: d.weight, reportedPercent: d.reportedPercent,
          submittedAt: d.submittedAt ?? '', acceptedAt: d.acceptedAt ?? '', logEntries: history.length,
        };
      }
    },
  },
];

/** Writes one table of the snapshot as CSV to `out`. */
export async function buildCsvTable(table: CsvTable, source: SnapshotSource, out: Writable): Promise<void> {
  const rows = Readable.from(
    (async function* () {
      for await (const row of table.rows(source)) yield table.columns.map((column) => inertCell(row[column]));
    })(),
  );
  out.write(BOM);
  await pipeline(rows, stringify({ header: true, columns: table.columns, cast: { boolean: (v) => (v ? 'true' : 'false') } }), out);
}
