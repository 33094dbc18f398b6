// For the open-data exports: readers nobody here wrote (xmllint with IATI's XSD, Ajv with 360Giving's
// schemas) and a small snapshot to feed the builders in unit tests.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Cost } from '../../shared/domain/cost';
import { indicatorSummary, type Indicator } from '../../shared/domain/indicator';
import { addMoney, moneySummary, zeroMoney } from '../../shared/domain/money';
import { offerSummary, type Offer } from '../../shared/domain/offer';
import { trainingSummary, zeroTrainingTotals } from '../../shared/domain/training';
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

// ---- A small snapshot: a two-year project with one partner, two phases, indicators and accounts ----

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

const ids = { consortiumId: 'coop', projectId: 'net' };
const by = 'person-coord';

const sampleOffer: Offer = {
  id: 'o1', ...ids, title: 'Guided tours', format: 'tour package', participants: [{ memberId: 'lead', shareBasisPoints: 10_000 }],
  clientType: 'public', clientName: 'Comune', valueCents: 500_000, stage: 'won',
  stageHistory: [{ stage: 'draft', on: '2025-05-02', at: '2025-05-02T08:00:00.000Z', by }, { stage: 'won', on: '2025-07-01', at: '2025-07-01T08:00:00.000Z', by }],
  ...audit,
};

const indicator = (id: string, fields: Partial<Indicator>): Indicator => ({
  id, ...ids, name: `Indicator ${id} & co.`, unit: 'people', baseline: 0, target: 100, targetDate: '2027-01-31', actuals: [], ...audit, ...fields,
});

/**
 * Funder's indicators: typed with actuals, computed, without any value yet, and one whose target
 * date (after the project's end) and direction (down from its baseline) the export must handle.
 */
export const sampleIndicators: Indicator[] = [
  indicator('visitors', { description: 'People at the joint events', actuals: [{ on: '2026-01-31', value: 40, at: '2026-02-01T08:00:00.000Z', by }] }),
  indicator('hours', { name: 'Training hours', unit: 'hours', target: 80, metric: 'training_hours' }),
  indicator('clients', { name: 'Public clients', unit: 'bodies', baseline: 2, target: 10 }),
  indicator('waste', {
    name: 'Printed leaflets', unit: 'thousands', baseline: 50, target: 10, targetDate: '2027-06-30',
    actuals: [{ on: '2026-02-28', value: 30, at: '2026-03-01T08:00:00.000Z', by }],
  }),
];

const line = (id: string, category: 'staff' | 'travel', grantCents: number, cofinancingCents: number, approvedCents: number) => ({
  id, ...ids, memberId: 'lead', category, grantCents, cofinancingCents, submittedCents: 0, approvedCents, ...audit,
});

const cost = (id: string, fields: Partial<Cost> & Pick<Cost, 'date' | 'amountCents' | 'status'>): Cost => ({
  id, ...ids, budgetLineId: 'bl-staff', memberId: 'lead', kind: 'cost', description: `Cost ${id} & <more>`, supplier: 'Studio Rossi & figli',
  vatCents: 0, documents: [], reportedBy: 'person-lead', ...audit, ...fields,
});

/** Costs in every status: one approved, one approved then reversed, one submitted, one rejected, one draft. */
export const sampleCosts: Cost[] = [
  cost('c1', { date: '2025-06-30', amountCents: 1_000_000, status: 'approved' }),
  cost('c2', { date: '2025-07-15', amountCents: 50_000, vatCents: 11_000, status: 'approved', budgetLineId: 'bl-travel', supplier: 'Treni', reversedBy: 'c2-r' }),
  cost('c2-r', { date: '2025-09-01', amountCents: 50_000, vatCents: 11_000, status: 'approved', budgetLineId: 'bl-travel', supplier: 'Treni', kind: 'reversal', reversesCostId: 'c2' }),
  cost('c3', { date: '2026-02-20', amountCents: 300_000, status: 'submitted' }),
  cost('c4', { date: '2026-01-10', amountCents: 20_000, status: 'rejected', rejectionReason: 'No invoice' }),
  cost('c5', { date: '2026-03-01', amountCents: 10_000, status: 'draft' }),
];

/** Two receipts from the funder (an advance and a second instalment, partly). */
export const sampleReceipts = [
  { id: 'rc-1', ...ids, instalmentId: 'inst-1', date: '2025-03-01', amountCents: 3_703_703, note: 'Bank transfer', recordedBy: by, ...audit },
  { id: 'rc-2', ...ids, instalmentId: 'inst-2', date: '2025-12-15', amountCents: 1_234_567, note: '', recordedBy: by, ...audit },
];

/** After the deliverables: summary, training, offers, indicators with progress, and the accounts. */
function sampleProjectRecords(header: SnapshotHeader): SnapshotRecord[] {
  const sources = { training_hours: 4, members_trained: 1, offers_won: 1, offers_won_value: 500_000, deliverables_accepted_on_time: 1, members_admitted: 0 };
  const { items, ...indicators } = indicatorSummary(sampleIndicators, sources, header.asOf);
  const lines = [line('bl-staff', 'staff', 10_000_000, 800_000, 1_000_000), line('bl-travel', 'travel', 2_345_678, 200_000, 0)];
  const counters = addMoney(zeroMoney(), {
    budgetGrantCents: 12_345_678, budgetCofinancingCents: 1_000_000, budgetLines: 2, submittedCents: 300_000, approvedCents: 1_000_000,
    cofinancingMoneyCents: 150_000, instalmentsCents: 12_345_678, instalments: 2, requestedCents: 4_938_270, receivedCents: 4_938_270,
  });
  const totals = { ...zeroTrainingTotals(), sessions: 1, sessionsHeld: 1, hoursDelivered: 4, attendances: 1, participants: 3, personHours: 12, membersTakingPart: 1 };
  return [
    {
      kind: 'summary',
      training: trainingSummary({ ...totals, paths: 1 }, ['lead'], ['lead']),
      offers: offerSummary([sampleOffer]),
      indicators,
      money: moneySummary(header.project, counters),
    },
    {
      kind: 'training',
      path: { id: 'tp1', consortiumId: 'coop', topic: 'fundraising', title: 'Fund raising', projectId: 'net', ...audit, totals },
      sessions: [{ id: 's1', consortiumId: 'coop', trainingId: 'tp1', date: '2025-04-10', hours: 4, online: true, status: 'held', ...audit, totals: { attendances: 1, participants: 3, personHours: 12 } }],
    },
    { kind: 'offer', offer: sampleOffer },
    ...items.map((item) => ({ kind: 'indicator' as const, indicator: item })),
    ...lines.map((l) => ({ kind: 'budgetLine' as const, line: l })),
    ...sampleCosts.map((c) => ({ kind: 'cost' as const, cost: c })),
    {
      kind: 'contribution',
      contribution: { id: 'cf1', ...ids, memberId: 'lead', kind: 'money', providedBy: 'lead', description: 'Own funds', date: '2025-04-01', valueCents: 150_000, entry: 'contribution', recordedBy: by, ...audit },
    },
    ...[['inst-1', 1, 3_703_703], ['inst-2', 2, 8_641_975]].map(([id, order, amountCents]) => ({
      kind: 'instalment' as const,
      instalment: {
        id: id as string, ...ids, order: order as number, plannedDate: order === 1 ? '2025-03-01' : '2025-12-01', amountCents: amountCents as number, condition: '',
        requestedCents: order === 1 ? 3_703_703 : 1_234_567, receivedCents: order === 1 ? 3_703_703 : 1_234_567, ...audit,
      },
    })),
    ...sampleReceipts.map((receipt) => ({ kind: 'receipt' as const, receipt })),
  ];
}

/**
 * The records of the sample, in snapshot order, with one of a kind the builders do not know yet (they
 * skip it). With `projectRecords`, also the records that follow the deliverables: summary, training,
 * offers, indicators and the accounts (opt-in while the office formats' tests expect the old sample).
 */
export function sampleRecords(header = sampleHeader(), { projectRecords = false } = {}): SnapshotRecord[] {
  const unknown = { kind: 'payment', amountCents: 100 } as unknown as SnapshotRecord;
  const project = projectRecords ? sampleProjectRecords(header) : [];
  const counts: Record<string, number> = { phase: 2, deliverable: 0, payment: 1 };
  for (const record of project) counts[record.kind] = (counts[record.kind] ?? 0) + 1;
  return [
    header,
    samplePhase(1, '2025-02-01', '2026-01-31', 1),
    samplePhase(2, '2026-02-01', '2027-01-31', 0),
    unknown,
    ...project,
    { kind: 'footer', counts },
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
