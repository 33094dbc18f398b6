// For the open-data exports: readers nobody here wrote (xmllint with IATI's XSD, Ajv with 360Giving's
// schemas) and a small snapshot to feed the builders in unit tests.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { SnapshotHeader, SnapshotPhase, SnapshotRecord, SnapshotSource } from '../../shared/reports/snapshot';

const standards = (path: string) => fileURLToPath(new URL(`../standards/${path}`, import.meta.url));

export const IATI_XSD = standards('iati-2.03/iati-activities-schema.xsd');

export interface XmllintResult {
  valid: boolean;
  output: string;
}

/** `xmllint --noout --schema` on a file: valid, or xmllint's complaints. */
export function validateIatiFile(file: string): XmllintResult {
  const run = spawnSync('xmllint', ['--noout', '--schema', IATI_XSD, file], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return { valid: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

/** The string value of an XPath 1.0 expression over a file, as xmllint reads it. */
export function xpathString(file: string, expression: string): string {
  const run = spawnSync('xmllint', ['--xpath', `string(${expression})`, file], { encoding: 'utf8' });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`xmllint --xpath ${expression} failed: ${run.stderr}`);
  return run.stdout.replace(/\n$/, ''); // xmllint ends its answer with a line break
}

// The package schema refers to the grant schema by its 1.4.2 address (see test/standards/README.md).
const GRANT_SCHEMA_ADDRESS = 'https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json';

function schemaWithoutDialect(path: string): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = JSON.parse(readFileSync(standards(path), 'utf8')) as Record<string, unknown>;
  return schema;
}

/** Ajv in 2020 mode over 360Giving's package schema, with the three adjustments of the README. */
export function threeSixtyGivingPackageValidator(): ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...schemaWithoutDialect('360giving/360-giving-schema.json'), $id: GRANT_SCHEMA_ADDRESS });
  return ajv.compile(schemaWithoutDialect('360giving/360-giving-package-schema.json'));
}

// ---- A small snapshot: a two-year project with one partner and two phases ----

const audit = { version: 1, createdAt: '2025-01-10T08:00:00.000Z', updatedAt: '2026-03-01T08:00:00.000Z' };
const counts = (accepted: number, planned: number) => ({ planned, in_progress: 0, submitted: 0, changes_requested: 0, accepted });

export function sampleHeader(overrides: Partial<SnapshotHeader> = {}): SnapshotHeader {
  return {
    kind: 'header',
    schemaVersion: 1,
    exportId: 'exp-1',
    generatedAt: '2026-03-02T10:00:00.000Z',
    asOf: '2026-03-02',
    language: 'en',
    consortium: { id: 'coop', name: 'Coop & Co. <Città>', orgId: 'IT-CF-01234567890', timeZone: 'Europe/Rome', language: 'en' },
    funder: { id: 'fund', name: 'Fondazione Più', orgId: 'IT-CF-09876543210', programme: 'Culture call' },
    project: {
      id: 'net', consortiumId: 'coop', title: 'Rete "Net" – à la carte', summary: 'A network of cooperatives.', funderId: 'fund',
      call: 'Culture call 2025', grantCents: 12_345_678, cofinancingCents: 1_000_000, currency: 'EUR', startDate: '2025-02-01',
      endDate: '2027-01-31', objectives: ['Organise', 'Grow'], partners: [{ memberId: 'lead', role: 'lead', budgetShareCents: 5_000_000 }],
      progress: { deliverables: 4, counts: counts(1, 3), acceptedPercent: 25, reportedPercent: 40, acceptedOnTime: 1 },
      ...audit,
    },
    partners: [{ id: 'lead', name: 'Lead Società <coop>', orgId: 'IT-CF-01111111110', sector: 'museums', role: 'lead', budgetShareCents: 5_000_000 }],
    ...overrides,
  };
}

const samplePhase = (order: number, plannedStart: string, plannedEnd: string, accepted: number): SnapshotPhase => ({
  kind: 'phase',
  phase: {
    id: `p${order}`, consortiumId: 'coop', projectId: 'net', order, title: `Phase ${order} & more`, plannedStart, plannedEnd,
    status: accepted > 0 ? 'active' : 'planned', ...audit,
    progress: { deliverables: 2, counts: counts(accepted, 2 - accepted), acceptedPercent: accepted * 50, reportedPercent: 50, acceptedOnTime: accepted },
  },
});

/** The records of the sample, with one of a kind the builders do not know yet (they skip it). */
export function sampleRecords(header = sampleHeader()): SnapshotRecord[] {
  const unknown = { kind: 'payment', amountCents: 100 } as unknown as SnapshotRecord;
  return [
    header,
    samplePhase(1, '2025-02-01', '2026-01-31', 1),
    samplePhase(2, '2026-02-01', '2027-01-31', 0),
    unknown,
    { kind: 'footer', counts: { phase: 2, deliverable: 0, payment: 1 } },
  ];
}

/** A source over records held in memory, read from the start at each call. */
export const sourceOf =
  (records: SnapshotRecord[]): SnapshotSource =>
  async function* () {
    yield* records;
  };

/** What a builder writes, read back once it has ended its output. */
export async function collect(build: (source: SnapshotSource, out: NodeJS.WritableStream) => Promise<void>, source: SnapshotSource): Promise<string> {
  const chunks: string[] = [];
  const out = new Writable({ decodeStrings: false, write: (chunk, _encoding, done) => (chunks.push(String(chunk)), done()) });
  await build(source, out);
  if (!out.writableFinished) throw new Error('The builder did not end its output');
  return chunks.join('');
}
