// The IATI and 360Giving exports of the demo project, checked by readers nobody here wrote:
// xmllint with IATI's XSD (and a few Standard Ruleset rules over xmllint's XPath), Ajv with 360Giving's schemas.
// The demo snapshot carries the project's accounts, offers, training and indicators as the export job writes them.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemo } from '../../dev/demo/demo-data';
import { buildDemoMoney, recountMoney } from '../../dev/demo/demo-money';
import { buildDemoExtras } from '../../dev/demo/demo-training';
import { countedCents } from '../../shared/domain/cost';
import { computedSources, indicatorSummary } from '../../shared/domain/indicator';
import { moneySummary } from '../../shared/domain/money';
import { offerSummary } from '../../shared/domain/offer';
import { progressOf, recount } from '../../shared/domain/progress';
import { recountTraining, trainingSummary } from '../../shared/domain/training';
import { buildIati, withinOneYear } from '../../shared/reports/iati';
import { SNAPSHOT_SCHEMA_VERSION, type SnapshotHeader, type SnapshotRecord, type SnapshotSource } from '../../shared/reports/snapshot';
import { buildThreeSixtyGiving } from '../../shared/reports/threesixtygiving';
import { sampleHeader, sampleRecords, sourceOf, threeSixtyGivingPackageValidator, validateIatiFile, xpathString } from '../support/standards';

const TODAY = '2026-11-20';
const NOW = '2026-11-20T09:00:00.000Z';
/** Names that only survive if the exports escape them. */
const FUNDER_NAME = 'Fondazione Cassa di Risparmio del Mincio & Po <Mantova> – "Società" d’arte';
const PARTNER_NAME = 'Teatro del Viale – Società cooperativa & C. <Suzzara>';

/** The demo's cultnetwork as the export job would snapshot it, with a funder and a partner renamed. */
function demoSnapshot(): { header: SnapshotHeader; records: SnapshotRecord[]; source: SnapshotSource } {
  const demo = buildDemo(TODAY, NOW);
  const project = demo.projects.find((p) => p.id === 'cultnetwork')!;
  const funder = { ...demo.funders.find((f) => f.id === project.funderId)!, name: FUNDER_NAME };
  const members = demo.members.map((m) => (m.id === 'teatro-del-viale' ? { ...m, name: PARTNER_NAME } : m));
  const deliverables = demo.deliverables.filter((d) => d.projectId === project.id);
  const phases = demo.phases.filter((p) => p.projectId === project.id).sort((a, b) => a.order - b.order);
  const header: SnapshotHeader = {
    kind: 'header',
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    exportId: 'exp-open-data',
    generatedAt: NOW,
    asOf: TODAY,
    language: 'it',
    consortium: { id: demo.consortium.id, name: demo.consortium.name, orgId: demo.consortium.orgId, timeZone: demo.consortium.timeZone, language: demo.consortium.language },
    funder: { id: funder.id, name: funder.name, orgId: funder.orgId, programme: funder.programme },
    project: { ...project, progress: progressOf(recount(deliverables)) },
    partners: project.partners.map((partner) => {
      const { id, name, orgId, sector, city } = members.find((m) => m.id === partner.memberId)!;
      return { id, name, orgId, sector, city, role: partner.role, budgetShareCents: partner.budgetShareCents };
    }),
  };
  const records: SnapshotRecord[] = [
    header,
    ...phases.map((phase) => ({
      kind: 'phase' as const,
      phase: { ...phase, progress: progressOf(recount(deliverables.filter((d) => d.phaseId === phase.id))) },
    })),
    ...deliverables.map((deliverable) => ({
      kind: 'deliverable' as const,
      deliverable,
      history: demo.logEntries.filter((e) => e.deliverableId === deliverable.id).sort((a, b) => a.at.localeCompare(b.at)),
    })),
    ...projectRecords(demo, header),
  ];
  const counts: Record<string, number> = {};
  for (const record of records.slice(1)) counts[record.kind] = (counts[record.kind] ?? 0) + 1;
  records.push({ kind: 'footer', counts });
  return { header, records, source: sourceOf(records) };
}

/** After the deliverables, in snapshot order: summary, training, offers, indicators and the accounts. */
function projectRecords(demo: ReturnType<typeof buildDemo>, header: SnapshotHeader): SnapshotRecord[] {
  const { project } = header;
  const extras = buildDemoExtras(demo);
  const money = buildDemoMoney(demo);
  const mine = <T extends { projectId?: string }>(items: T[]) => items.filter((item) => item.projectId === project.id);
  const paths = mine(extras.paths);
  const sessionsOf = (pathIds: string[]) => extras.sessions.filter((s) => pathIds.includes(s.trainingId));
  const attendanceOf = (pathIds: string[]) => extras.attendance.filter((a) => pathIds.includes(a.trainingId));
  const pathIds = paths.map((path) => path.id);
  const training = recountTraining(sessionsOf(pathIds), attendanceOf(pathIds));
  const offers = mine(extras.offers);
  const sources = computedSources({
    training, offers, acceptedOnTime: project.progress.acceptedOnTime, members: demo.members, project, today: TODAY,
  });
  const { items: indicators, ...indicatorTotals } = indicatorSummary(mine(extras.indicators), sources, TODAY);
  const attendees = new Set(attendanceOf(pathIds).map((a) => a.memberId));
  return [
    {
      kind: 'summary',
      training: trainingSummary({ ...training, paths: paths.length }, attendees, project.partners.map((p) => p.memberId)),
      offers: offerSummary(offers),
      indicators: indicatorTotals,
      money: moneySummary(project, recountMoney(money).project),
    },
    ...paths.map((path) => ({
      kind: 'training' as const,
      path: { ...path, totals: recountTraining(sessionsOf([path.id]), attendanceOf([path.id])) },
      sessions: sessionsOf([path.id]).map((session) => {
        const { attendances, participants, personHours } = recountTraining([], extras.attendance.filter((a) => a.sessionId === session.id));
        return { ...session, totals: { attendances, participants, personHours } };
      }),
    })),
    ...offers.map((offer) => ({ kind: 'offer' as const, offer })),
    ...indicators.map((indicator) => ({ kind: 'indicator' as const, indicator })),
    ...money.lines.map((line) => ({ kind: 'budgetLine' as const, line })),
    ...money.costs.map((cost) => ({ kind: 'cost' as const, cost })),
    ...money.contributions.map((contribution) => ({ kind: 'contribution' as const, contribution })),
    ...money.instalments.map((instalment) => ({ kind: 'instalment' as const, instalment })),
    ...money.receipts.map((receipt) => ({ kind: 'receipt' as const, receipt })),
  ];
}

/** The snapshot's records of one kind. */
const recordsOfKind = <K extends SnapshotRecord['kind']>(kind: K) =>
  snapshot.records.filter((record): record is Extract<SnapshotRecord, { kind: K }> => record.kind === kind);

/** The receipts' sum and the approved costs net of reversals, in cents, from the snapshot. */
const receivedCents = () => recordsOfKind('receipt').reduce((sum, { receipt }) => sum + receipt.amountCents, 0);
const approvedCents = () =>
  recordsOfKind('cost').filter(({ cost }) => cost.status === 'approved').reduce((sum, { cost }) => sum + countedCents(cost), 0);

let folder: string;
let snapshot: ReturnType<typeof demoSnapshot>;
let iatiFile: string;
let grantsFile: string;

type Builder = (source: SnapshotSource, out: NodeJS.WritableStream) => Promise<void>;

async function exportTo(file: string, build: Builder, source = snapshot.source) {
  await build(source, createWriteStream(file));
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'rete-open-data-'));
  snapshot = demoSnapshot();
  iatiFile = join(folder, 'cultnetwork.iati.xml');
  grantsFile = join(folder, 'cultnetwork.360giving.json');
  await exportTo(iatiFile, buildIati);
  await exportTo(grantsFile, buildThreeSixtyGiving);
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('the IATI export of the demo project', () => {
  const activity = '/iati-activities/iati-activity';
  const read = (expression: string) => xpathString(iatiFile, expression);

  it('validates against the IATI 2.03 activity schema with xmllint', () => {
    const result = validateIatiFile(iatiFile);
    expect(result.output).toContain('validates');
    expect(result.valid).toBe(true);
  });

  it('fails the same check once an element the schema requires is removed, so the check can fail', async () => {
    const broken = (await readFile(iatiFile, 'utf8')).replace(/<activity-status [^>]*\/>/, '');
    const brokenFile = join(folder, 'broken.iati.xml');
    await writeFile(brokenFile, broken);
    const result = validateIatiFile(brokenFile);
    expect(result.valid).toBe(false);
    expect(result.output).toMatch(/activity-status|fails to validate/);
  });

  it('starts the activity identifier with the reporting organisation identifier and a hyphen (Ruleset 1.1.21, 1.1.3)', () => {
    const reportingOrg = read(`${activity}/reporting-org/@ref`);
    const identifier = read(`${activity}/iati-identifier`);
    expect(reportingOrg).toBe(snapshot.header.consortium.orgId);
    expect(identifier.startsWith(`${reportingOrg}-`)).toBe(true);
    expect(identifier).not.toBe(reportingOrg);
    expect(identifier).not.toMatch(/[/&|?]/);
  });

  it('puts every start date on or before its end date, and no actual date after the snapshot (Ruleset 11.1.2-11.1.5, 8.6.1)', () => {
    const date = (type: number) => read(`${activity}/activity-date[@type='${type}']/@iso-date`);
    expect(date(1) <= date(3)).toBe(true);
    expect(date(2)).not.toBe('');
    expect(date(2) <= TODAY).toBe(true);
    expect(date(4)).toBe('');
    const periods = Number(read(`count(${activity}/result/indicator/period)`));
    expect(periods).toBe(3 + recordsOfKind('indicator').length);
    for (let i = 1; i <= periods; i++) {
      const period = `(${activity}/result/indicator/period)[${i}]`;
      expect(read(`${period}/period-start/@iso-date`) <= read(`${period}/period-end/@iso-date`)).toBe(true);
    }
  });

  it('budgets the budget lines’ total in periods of at most a year, each valued within its period (Ruleset 7.5.3)', () => {
    const budgets = Number(read(`count(${activity}/budget)`));
    expect(budgets).toBe(3);
    let cents = 0;
    for (let i = 1; i <= budgets; i++) {
      const budget = `(${activity}/budget)[${i}]`;
      const period = { start: read(`${budget}/period-start/@iso-date`), end: read(`${budget}/period-end/@iso-date`) };
      const valueDate = read(`${budget}/value/@value-date`);
      expect(period.start <= period.end).toBe(true);
      expect(withinOneYear(period)).toBe(true);
      expect(valueDate >= period.start && valueDate <= period.end).toBe(true);
      cents += Math.round(Number(read(`${budget}/value`)) * 100);
    }
    const lines = recordsOfKind('budgetLine').reduce((sum, { line }) => sum + line.grantCents + line.cofinancingCents, 0);
    expect(cents).toBe(lines);
    expect(read(`(${activity}/budget)[1]/period-start/@iso-date`)).toBe(snapshot.header.project.startDate);
    expect(read(`(${activity}/budget)[${budgets}]/period-end/@iso-date`)).toBe(snapshot.header.project.endDate);
  });

  it('reports the receipts as incoming funds from the funder, and approved costs net of reversals as expenditure', () => {
    const total = (type: number) => Math.round(Number(read(`sum(${activity}/transaction[transaction-type/@code='${type}']/value)`)) * 100);
    expect(total(1)).toBe(receivedCents());
    expect(total(4)).toBe(approvedCents());
    expect(receivedCents()).toBeGreaterThan(0);
    expect(Number(read(`count(${activity}/transaction[transaction-type/@code='1'])`))).toBe(recordsOfKind('receipt').length);
    expect(Number(read(`count(${activity}/transaction[transaction-type/@code='1' and provider-org/@ref='${snapshot.header.funder.orgId}'])`)))
      .toBe(recordsOfKind('receipt').length);
    expect(read(`${activity}/transaction[transaction-type/@code='1']/provider-org/narrative`)).toBe(FUNDER_NAME);
    expect(Number(read(`count(${activity}/transaction[value < 0])`))).toBe(recordsOfKind('cost').filter(({ cost }) => cost.kind === 'reversal').length);
  });

  it('dates no transaction after the snapshot, and gives each the same value date (Ruleset 11.2.1, 11.2.2)', () => {
    const transactions = Number(read(`count(${activity}/transaction)`));
    expect(transactions).toBeGreaterThan(0);
    for (let i = 1; i <= transactions; i++) {
      const transaction = `(${activity}/transaction)[${i}]`;
      const date = read(`${transaction}/transaction-date/@iso-date`);
      expect(date <= TODAY).toBe(true);
      expect(read(`${transaction}/value/@value-date`)).toBe(date);
    }
  });

  it('measures each of the funder’s indicators as a result, within the project, with its current value', () => {
    const { project } = snapshot.header;
    const indicators = recordsOfKind('indicator');
    expect(indicators.length).toBeGreaterThan(0);
    for (const { indicator } of indicators) {
      const result = `${activity}/result[title/narrative='${indicator.name}']`;
      expect(Number(read(`count(${result})`))).toBe(1);
      expect(read(`${result}/indicator/@measure`)).toBe('1');
      expect(read(`${result}/indicator/baseline/@value`)).toBe(String(indicator.baseline));
      expect(read(`${result}/indicator/period/target/@value`)).toBe(String(indicator.target));
      expect(read(`${result}/indicator/period/actual/@value`)).toBe(indicator.progress.current === null ? '' : String(indicator.progress.current));
      const start = read(`${result}/indicator/period/period-start/@iso-date`);
      const end = read(`${result}/indicator/period/period-end/@iso-date`);
      expect(project.startDate <= start && start <= end && end <= project.endDate).toBe(true);
    }
    expect(indicators.some(({ indicator }) => indicator.progress.current !== null)).toBe(true);
  });

  it('declares a default language, a default currency, a country and a sector (Ruleset 4.1.1, 7.8.1, 3.7.1, 6.2.2)', () => {
    expect(read(`${activity}/@xml:lang`)).toBe('it');
    expect(read(`${activity}/@default-currency`)).toBe('EUR');
    expect(read(`${activity}/recipient-country/@code`)).toBe('IT');
    expect(read(`${activity}/sector/@code`)).toBe('16061');
  });

  it('names the funder, the consortium and every partner with their roles, accents and markup characters intact', () => {
    const { header } = snapshot;
    const org = (ref: string, role: number) => read(`${activity}/participating-org[@ref='${ref}' and @role='${role}']/narrative`);
    expect(org(header.funder.orgId, 1)).toBe(FUNDER_NAME);
    expect(org(header.consortium.orgId, 2)).toBe(header.consortium.name);
    for (const partner of header.partners) expect(org(partner.orgId, 4)).toBe(partner.name);
    expect(header.partners.map((p) => p.name)).toContain(PARTNER_NAME);
  });

  it('reports the project as in implementation, with one result per phase measured by its accepted deliverables', () => {
    expect(read(`${activity}/activity-status/@code`)).toBe('2');
    const phases = snapshot.records.filter((r) => r.kind === 'phase');
    phases.forEach((record, index) => {
      const result = `(${activity}/result)[${index + 1}]`;
      expect(read(`${result}/title/narrative`)).toBe(record.phase.title);
      expect(read(`${result}/indicator/baseline/@value`)).toBe('0');
      expect(read(`${result}/indicator/period/target/@value`)).toBe('100');
      const actual = read(`${result}/indicator/period/actual/@value`);
      expect(actual).toBe(record.phase.plannedStart <= TODAY ? String(record.phase.progress.acceptedPercent) : '');
    });
  });

  it('validates too after the project has ended, in finalisation with its actual end date', async () => {
    const file = join(folder, 'ended.iati.xml');
    const header = sampleHeader({ asOf: '2027-03-01', generatedAt: '2027-03-01T10:00:00.000Z' });
    await exportTo(file, buildIati, sourceOf(sampleRecords(header, { projectRecords: true })));
    expect(validateIatiFile(file).valid).toBe(true);
    expect(xpathString(file, `${activity}/activity-status/@code`)).toBe('3');
    expect(xpathString(file, `${activity}/activity-date[@type='4']/@iso-date`)).toBe(header.project.endDate);
  });
});

describe('the 360Giving export of the demo project', () => {
  const validate = threeSixtyGivingPackageValidator();

  it('validates as a grant package against the 360Giving 1.4 schemas with Ajv in 2020 mode', async () => {
    const grants = JSON.parse(await readFile(grantsFile, 'utf8'));
    expect(validate(grants), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('fails the same check without amountAwarded, so the check can fail', async () => {
    const grants = JSON.parse(await readFile(grantsFile, 'utf8'));
    delete grants.grants[0].amountAwarded;
    expect(validate(grants)).toBe(false);
  });

  it('carries org-id identifiers, the grant in euros, the call and the names as they were typed', async () => {
    const { header } = snapshot;
    const [grant] = JSON.parse(await readFile(grantsFile, 'utf8')).grants;
    expect(grant.id).toBe(`360G-${header.funder.orgId}-cultnetwork`);
    expect(grant.amountAwarded).toBe(360_000);
    expect(grant.currency).toBe('EUR');
    expect(grant.recipientOrganization).toEqual([{ id: header.consortium.orgId, name: header.consortium.name }]);
    expect(grant.fundingOrganization).toEqual([{ id: header.funder.orgId, name: FUNDER_NAME }]);
    expect(grant.grantProgramme[0].title).toBe(header.project.call);
    expect(grant.plannedDates).toEqual([{ startDate: header.project.startDate, endDate: header.project.endDate, duration: 36 }]);
  });

  it('gives the receipts’ sum as the amount disbursed, with one disbursement from the funder per receipt', async () => {
    const { header } = snapshot;
    const [grant] = JSON.parse(await readFile(grantsFile, 'utf8')).grants;
    expect(grant.amountDisbursed).toBe(receivedCents() / 100);
    expect(grant.disbursementTransaction).toHaveLength(recordsOfKind('receipt').length);
    const disbursed = grant.disbursementTransaction.reduce((sum: number, t: { value: number }) => sum + Math.round(t.value * 100), 0);
    expect(disbursed).toBe(receivedCents());
    for (const transaction of grant.disbursementTransaction) {
      expect(transaction).toMatchObject({ provider: header.funder.orgId, recipient: header.consortium.orgId, currency: 'EUR' });
    }
  });
});
