// Which files each export format makes, and the builder of each: all fed by the snapshot alone.
import type { Writable } from 'node:stream';
import type { ExportFormat } from '../domain/export';
import { CSV_TABLES, buildCsvTable } from './csv';
import { buildIati } from './iati';
import { buildJson } from './json';
import { buildPdf } from './pdf';
import type { SnapshotSource } from './snapshot';
import { buildThreeSixtyGiving } from './threesixtygiving';
import { buildXlsx } from './xlsx';

export interface FormatFile {
  name: string;
  contentType: string;
  build(source: SnapshotSource, out: Writable, context: { snapshotSha256: string }): Promise<void>;
}

export const FORMAT_FILES: Record<ExportFormat, FormatFile[]> = {
  json: [{ name: 'snapshot.json', contentType: 'application/json', build: (source, out) => buildJson(source, out) }],
  csv: CSV_TABLES.map((table) => ({
    name: table.name,
    contentType: 'text/csv; charset=utf-8',
    build: (source, out) => buildCsvTable(table, source, out),
  })),
  xlsx: [
    {
      name: 'progress.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      build: (source, out, context) => buildXlsx(source, out, context),
    },
  ],
  pdf: [{ name: 'progress-report.pdf', contentType: 'application/pdf', build: (source, out, context) => buildPdf(source, out, context) }],
  iati: [{ name: 'iati-activities.xml', contentType: 'application/xml', build: (source, out) => buildIati(source, out) }],
  '360giving': [{ name: '360giving-package.json', contentType: 'application/json', build: (source, out) => buildThreeSixtyGiving(source, out) }],
};
