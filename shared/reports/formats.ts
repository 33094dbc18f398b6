// Which files each export format makes, and the builder of each: all fed by the snapshot alone.
// Each format's builder is loaded by `import()` when a job asks for that format, so that the
// bundle splits it into chunks of its own: a CSV export loads no PDF or XLSX code, and no fonts.
import type { Writable } from 'node:stream';
import type { ExportFormat } from '../domain/export';
import type { SnapshotSource } from './snapshot';

export interface FormatFile {
  name: string;
  contentType: string;
  build(source: SnapshotSource, out: Writable, context: { snapshotSha256: string }): Promise<void>;
}

/** Loads a format's builder and answers the files it makes. */
export type FormatLoader = () => Promise<FormatFile[]>;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const FORMAT_LOADERS: Record<ExportFormat, FormatLoader> = {
  json: async () => {
    const { buildJson } = await import('./json');
    return [{ name: 'snapshot.json', contentType: 'application/json', build: (source, out) => buildJson(source, out) }];
  },
  csv: async () => {
    const { CSV_TABLES, buildCsvTable } = await import('./csv');
    return CSV_TABLES.map((table) => ({
      name: table.name,
      contentType: 'text/csv; charset=utf-8',
      build: (source, out) => buildCsvTable(table, source, out),
    }));
  },
  xlsx: async () => {
    const { buildXlsx } = await import('./xlsx');
    return [{ name: 'progress.xlsx', contentType: XLSX_TYPE, build: (source, out, context) => buildXlsx(source, out, context) }];
  },
  pdf: async () => {
    const { buildPdf } = await import('./pdf');
    return [{ name: 'progress-report.pdf', contentType: 'application/pdf', build: (source, out, context) => buildPdf(source, out, context) }];
  },
  iati: async () => {
    const { buildIati } = await import('./iati');
    return [{ name: 'iati-activities.xml', contentType: 'application/xml', build: (source, out) => buildIati(source, out) }];
  },
  '360giving': async () => {
    const { buildThreeSixtyGiving } = await import('./threesixtygiving');
    return [{ name: '360giving-package.json', contentType: 'application/json', build: (source, out) => buildThreeSixtyGiving(source, out) }];
  },
};

/** The files of the formats asked for, in the order asked, loading only those formats' builders. */
export async function loadFormatFiles(formats: readonly ExportFormat[]): Promise<{ format: ExportFormat; file: FormatFile }[]> {
  const loaded = await Promise.all(formats.map(async (format) => (await FORMAT_LOADERS[format]()).map((file) => ({ format, file }))));
  return loaded.flat();
}
