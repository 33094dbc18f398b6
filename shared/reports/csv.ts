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
  {
    name: 'trainings.csv',
    columns: ['trainingId', 'topic', 'path', 'sessionId', 'date', 'status', 'hours', 'place', 'online', 'attendances', 'participants', 'personHours'],
    async *rows(source) {
      for await (const { path, sessions } of recordsOf(source, 'training')) {
        for (const session of sessions) {
          yield {
            trainingId: path.id, topic: path.topic, path: path.title, sessionId: session.id, date: session.date, status: session.status,
            hours: session.hours, place: session.place ?? '', online: session.online,
            attendances: session.totals.attendances, participants: session.totals.participants, personHours: session.totals.personHours,
          };
        }
      }
    },
  },
  {
    name: 'offers.csv',
    columns: ['offerId', 'title', 'format', 'clientType', 'clientName', 'valueCents', 'stage', 'participants'],
    async *rows(source) {
      for await (const { offer } of recordsOf(source, 'offer')) {
        yield {
          offerId: offer.id, title: offer.title, format: offer.format, clientType: offer.clientType, clientName: offer.clientName,
          valueCents: offer.valueCents, stage: offer.stage,
          participants: offer.participants.map((p) => `${p.memberId}:${p.shareBasisPoints / 100}%`).join(' '),
        };
      }
    },
  },
  {
    name: 'indicators.csv',
    columns: ['indicatorId', 'name', 'unit', 'baseline', 'target', 'targetDate', 'computedFrom', 'current', 'currentOn', 'percent', 'achieved'],
    async *rows(source) {
      for await (const { indicator } of recordsOf(source, 'indicator')) {
        yield {
          indicatorId: indicator.id, name: indicator.name, unit: indicator.unit, baseline: indicator.baseline, target: indicator.target,
          targetDate: indicator.targetDate, computedFrom: indicator.metric ?? '', current: indicator.progress.current ?? '',
          currentOn: indicator.progress.currentOn ?? '', percent: indicator.progress.percent, achieved: indicator.progress.achieved,
        };
      }
    },
  },
  {
    name: 'costs.csv',
    columns: ['costId', 'kind', 'budgetLineId', 'memberId', 'date', 'supplier', 'description', 'amountCents', 'vatCents', 'status'],
    async *rows(source) {
      for await (const { cost } of recordsOf(source, 'cost')) {
        yield {
          costId: cost.id, kind: cost.kind, budgetLineId: cost.budgetLineId, memberId: cost.memberId, date: cost.date,
          supplier: cost.supplier, description: cost.description, amountCents: cost.amountCents, vatCents: cost.vatCents, status: cost.status,
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
