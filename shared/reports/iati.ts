// The IATI export: one `iati-activities` 2.03 document with one activity for the project, written
// section by section in the schema's order, and following IATI's Standard Ruleset, not only the XSD.
import { once } from 'node:events';
import { addDays, addMonths, daysBetween } from '../domain/clock';
import { countedCents, type Cost } from '../domain/cost';
import type { IndicatorWithProgress } from '../domain/indicator';
import type { Receipt } from '../domain/payment';
import { header, recordsOf, type ExportLanguage, type SnapshotHeader, type SnapshotSource } from './snapshot';

export const IATI_VERSION = '2.03';

/**
 * IATI codes Rete uses (codelists of standard 2.03). IATI has no code for a cooperative: Rete's
 * consortia and their members are mutual enterprises that do not distribute profit to investors,
 * often social cooperatives (Third Sector bodies under Italian law), working within one country,
 * so 22 "National NGO" fits them best; 70-73 (private sector) would suggest profit-seeking
 * companies and 80 is for academic and research bodies. Funders are grant-making foundations (60).
 */
export const IATI_CODES = {
  orgType: { cooperative: '22', foundation: '60' },
  orgRole: { funding: '1', accountable: '2', implementing: '4' },
  activityStatus: { pipeline: '1', implementation: '2', finalisation: '3' },
  activityDate: { plannedStart: '1', actualStart: '2', plannedEnd: '3', actualEnd: '4' },
  description: { general: '1', objectives: '2' },
  /** DAC 5-digit sector "Culture and recreation": Rete serves cultural consortia. */
  sector: '16061',
  financeType: { standardGrant: '110' },
  aidType: { projectType: 'C01' },
  budgetType: { original: '1' },
  budgetStatus: { indicative: '1', committed: '2' },
  transactionType: { incomingFunds: '1', expenditure: '4' },
  resultType: { output: '1', outcome: '2' },
  measure: { unit: '1', percentage: '2' },
} as const;

// ---- XML ----

/** Characters XML 1.0 cannot carry at all, even escaped: dropped rather than failing the export. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;', '\n': '&#10;', '\t': '&#9;' };

/** Text for element content: markup characters escaped, line breaks kept. */
export const escapeText = (text: string) => text.replace(NOT_XML, '').replace(/[&<>\r]/g, (c) => ENTITIES[c]!);
/** Text for a double-quoted attribute: also quotes, and line breaks and tabs, which attribute parsing would flatten. */
export const escapeAttribute = (text: string) => text.replace(NOT_XML, '').replace(/[&<>"\r\n\t]/g, (c) => ENTITIES[c]!);

type Attributes = Record<string, string | number | undefined>;

const attributesOf = (attributes: Attributes) =>
  Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join('');

/** An element; `children` are markup already (wrap text in `escapeText`). */
export function element(name: string, attributes: Attributes = {}, ...children: string[]): string {
  const start = `<${name}${attributesOf(attributes)}`;
  return children.length === 0 ? `${start}/>` : `${start}>${children.join('')}</${name}>`;
}

const narrative = (text: string, lang?: string) => element('narrative', { 'xml:lang': lang }, escapeText(text));

/** Integer cents as the exact decimal amount IATI's `value` carries: 123456 → `1234.56`, -5 → `-0.05`. */
export function amountOf(cents: number): string {
  const whole = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

// ---- Identifiers, dates and periods (the Ruleset's concerns) ----

/** Ruleset 1.1.21: an activity identifier starts with the reporting organisation's, then a hyphen. */
export const iatiIdentifier = (reportingOrgRef: string, projectId: string) => `${reportingOrgRef}-${projectId}`;

/** The country of an org-id.guide identifier (`IT-CF-…` → `IT`); `XI-…`, `XM-…` name no country. */
export const countryOf = (orgId: string) => (/^[A-WYZ][A-Z]-/.test(orgId) ? orgId.slice(0, 2) : undefined);

type Dated = Pick<SnapshotHeader['project'], 'startDate' | 'endDate'>;

/** 1 before the start, 2 while it runs, 3 after its end (4, closed, waits for the final payment). */
export function activityStatus(project: Dated, asOf: string): string {
  const { pipeline, implementation, finalisation } = IATI_CODES.activityStatus;
  if (asOf < project.startDate) return pipeline;
  return asOf <= project.endDate ? implementation : finalisation;
}

/** Planned dates always; actual ones only once reached (Ruleset 11.1.4 and 11.1.5: not in the future). */
export function activityDates(project: Dated, asOf: string): { type: string; date: string }[] {
  const type = IATI_CODES.activityDate;
  return [
    { type: type.plannedStart, date: project.startDate },
    ...(project.startDate <= asOf ? [{ type: type.actualStart, date: project.startDate }] : []),
    { type: type.plannedEnd, date: project.endDate },
    ...(project.endDate < asOf ? [{ type: type.actualEnd, date: project.endDate }] : []),
  ];
}

export interface Period {
  start: string;
  end: string;
}

/** Ruleset 7.5.3 as its reference implementation reads it: the end is at most a year after the start. */
export const withinOneYear = ({ start, end }: Period) => end <= addMonths(start, 12);

/** Splits a period (inclusive dates) into consecutive budget periods of at most a year, from its start. */
export function budgetPeriods({ start, end }: Period): Period[] {
  const periods: Period[] = [];
  for (let from = start; from <= end; ) {
    const next = addMonths(from, 12);
    const to = addDays(next, -1) < end ? addDays(next, -1) : end;
    periods.push({ start: from, end: to });
    from = addDays(to, 1);
  }
  return periods;
}

export interface PeriodBudget extends Period {
  cents: number;
}

/**
 * A total spread over the budget periods of a project pro rata by days: Rete does not know how
 * the funder phased the grant, so this is an estimate. Largest remainders keep the sum exact.
 */
export function budgetsByPeriod(totalCents: number, project: Period): PeriodBudget[] {
  const periods = budgetPeriods(project);
  const days = periods.map(({ start, end }) => daysBetween(start, end) + 1);
  const allDays = days.reduce((sum, d) => sum + d, 0);
  const shares = days.map((d) => (totalCents * d) / allDays);
  const cents = shares.map(Math.floor);
  let left = totalCents - cents.reduce((sum, c) => sum + c, 0);
  const byRemainder = shares.map((share, i) => ({ i, rest: share - cents[i]! })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    cents[i]! += 1;
    left -= 1;
  }
  return periods.map((period, i) => ({ ...period, cents: cents[i]! }));
}

/**
 * Committed when a single period holds the whole agreed budget; indicative when Rete spreads it
 * over several periods by days, since that split is its estimate, not the funder's agreement.
 */
export const budgetStatus = (periods: number) =>
  periods === 1 ? IATI_CODES.budgetStatus.committed : IATI_CODES.budgetStatus.indicative;

/** An indicator's period: from the project start to its target date, kept within the project. */
export function indicatorPeriod(targetDate: string, project: Dated): Period {
  const end = targetDate > project.endDate ? project.endDate : targetDate;
  return { start: project.startDate, end: end < project.startDate ? project.startDate : end };
}

// ---- Sections of the activity, in the order the schema requires ----

interface Activity {
  header: SnapshotHeader;
  source: SnapshotSource;
  /** The language of labels Rete writes: the export's. */
  lang: ExportLanguage;
  /** The language of what people typed: the consortium's. */
  textLang: string;
}

type Section = (activity: Activity) => AsyncIterable<string> | Iterable<string>;

function* identification({ header: h, textLang }: Activity) {
  const { consortium, project } = h;
  yield element('iati-identifier', {}, escapeText(iatiIdentifier(consortium.orgId, project.id)));
  yield element('reporting-org', { ref: consortium.orgId, type: IATI_CODES.orgType.cooperative }, narrative(consortium.name));
  yield element('title', {}, narrative(project.title, textLang));
  const { general, objectives } = IATI_CODES.description;
  yield element('description', { type: general }, narrative(project.summary || project.title, textLang));
  if (project.objectives.length > 0) {
    yield element('description', { type: objectives }, narrative(project.objectives.join('\n'), textLang));
  }
}

function* organisations({ header: h }: Activity) {
  const { orgType, orgRole } = IATI_CODES;
  const org = (o: { orgId: string; name: string }, type: string, role: string) =>
    element('participating-org', { ref: o.orgId, type, role }, narrative(o.name));
  yield org(h.funder, orgType.foundation, orgRole.funding);
  yield org(h.consortium, orgType.cooperative, orgRole.accountable);
  if (h.partners.length === 0) yield org(h.consortium, orgType.cooperative, orgRole.implementing);
  for (const partner of h.partners) yield org(partner, orgType.cooperative, orgRole.implementing);
}

function* statusAndDates({ header: h }: Activity) {
  yield element('activity-status', { code: activityStatus(h.project, h.asOf) });
  for (const { type, date } of activityDates(h.project, h.asOf)) yield element('activity-date', { type, 'iso-date': date });
}

/** Ruleset 3.7.1 wants a country or region and 6.2.2 a sector, at activity level here. */
function* placeAndSector({ header: h }: Activity) {
  const country = countryOf(h.consortium.orgId);
  if (country) yield element('recipient-country', { code: country });
  yield element('sector', { vocabulary: '1', code: IATI_CODES.sector });
}

function* financialDefaults() {
  yield element('default-finance-type', { code: IATI_CODES.financeType.standardGrant });
  yield element('default-aid-type', { code: IATI_CODES.aidType.projectType });
}

/** The budget lines' total (grant and co-financing: the costs spent against them), one budget per period. */
async function* budgets({ header: h, source }: Activity) {
  let totalCents = 0;
  let lines = 0;
  for await (const { line } of recordsOf(source, 'budgetLine')) {
    totalCents += line.grantCents + line.cofinancingCents;
    lines += 1;
  }
  if (lines === 0) return;
  const periods = budgetsByPeriod(totalCents, { start: h.project.startDate, end: h.project.endDate });
  const status = budgetStatus(periods.length);
  for (const { start, end, cents } of periods) {
    yield element(
      'budget', { type: IATI_CODES.budgetType.original, status },
      element('period-start', { 'iso-date': start }),
      element('period-end', { 'iso-date': end }),
      element('value', { 'value-date': start }, amountOf(cents)),
    );
  }
}

export interface Org {
  ref?: string;
  type?: string;
  name: string;
}

export interface Transaction {
  ref: string;
  type: string;
  date: string;
  cents: number;
  description?: string;
  provider?: Org;
  receiver?: Org;
}

const orgElement = (name: string, org: Org) => element(name, { ref: org.ref, type: org.type }, narrative(org.name));

/** Value date and transaction date are the same day: Rete's money is in euros, with no conversion. */
export function transaction(t: Transaction, textLang: string): string {
  return element(
    'transaction', { ref: t.ref },
    element('transaction-type', { code: t.type }),
    element('transaction-date', { 'iso-date': t.date }),
    element('value', { 'value-date': t.date }, amountOf(t.cents)),
    ...(t.description ? [element('description', {}, narrative(t.description, textLang))] : []),
    ...(t.provider ? [orgElement('provider-org', t.provider)] : []),
    ...(t.receiver ? [orgElement('receiver-org', t.receiver)] : []),
  );
}

/** A receipt: the funder's money in (its note stays internal). */
export function incomingFunds(receipt: Pick<Receipt, 'id' | 'date' | 'amountCents'>, h: Pick<SnapshotHeader, 'funder' | 'consortium'>): Transaction {
  return {
    ref: receipt.id,
    type: IATI_CODES.transactionType.incomingFunds,
    date: receipt.date,
    cents: receipt.amountCents,
    provider: { ref: h.funder.orgId, type: IATI_CODES.orgType.foundation, name: h.funder.name },
    receiver: { ref: h.consortium.orgId, type: IATI_CODES.orgType.cooperative, name: h.consortium.name },
  };
}

/**
 * An approved cost, spent by its partner and paid to its supplier (known by name only). A
 * reversal is a negative expenditure on its own date, as IATI's guidance reports corrections,
 * so the original stays where it was reported and the sum is what the budget counts.
 */
export function expenditure(
  cost: Pick<Cost, 'id' | 'kind' | 'date' | 'amountCents' | 'vatCents' | 'description' | 'supplier' | 'memberId'>,
  partners: SnapshotHeader['partners'],
): Transaction {
  const partner = partners.find((p) => p.id === cost.memberId);
  return {
    ref: cost.id,
    type: IATI_CODES.transactionType.expenditure,
    date: cost.date,
    cents: countedCents(cost),
    description: cost.description,
    ...(partner ? { provider: { ref: partner.orgId, type: IATI_CODES.orgType.cooperative, name: partner.name } } : {}),
    receiver: { name: cost.supplier },
  };
}

/** Incoming funds first, then expenditure: costs in any other status are not money spent. */
async function* transactions({ header: h, source, textLang }: Activity) {
  for await (const { receipt } of recordsOf(source, 'receipt')) yield transaction(incomingFunds(receipt, h), textLang);
  for await (const { cost } of recordsOf(source, 'cost')) {
    if (cost.status === 'approved') yield transaction(expenditure(cost, h.partners), textLang);
  }
}

const LABELS = {
  en: {
    indicator: 'Share of the phase’s deliverables accepted (%)',
    accepted: (n: number, of: number, on: string) => `${n} of ${of} deliverables accepted as of ${on}`,
    reached: (percent: number, on: string) => `As of ${on}: ${percent}% of the way from the baseline to the target`,
  },
  it: {
    indicator: 'Quota di deliverable della fase accettati (%)',
    accepted: (n: number, of: number, on: string) => `${n} deliverable accettati su ${of} al ${on}`,
    reached: (percent: number, on: string) => `Al ${on}: ${percent}% del percorso dal valore di partenza all’obiettivo`,
  },
};

/** One output per phase, measured by its accepted deliverables. */
async function* phaseResults({ header: h, source, lang, textLang }: Activity) {
  const labels = LABELS[lang];
  for await (const { phase } of recordsOf(source, 'phase')) {
    const started = phase.plannedStart <= h.asOf;
    const { accepted = 0 } = phase.progress.counts;
    const period = element(
      'period', {},
      element('period-start', { 'iso-date': phase.plannedStart }),
      element('period-end', { 'iso-date': phase.plannedEnd }),
      element('target', { value: 100 }),
      ...(started
        ? [element('actual', { value: phase.progress.acceptedPercent },
            element('comment', {}, narrative(labels.accepted(accepted, phase.progress.deliverables, h.asOf), lang)))]
        : []),
    );
    const indicator = element(
      'indicator', { measure: IATI_CODES.measure.percentage, ascending: 1 },
      element('title', {}, narrative(labels.indicator, lang)),
      element('baseline', { year: phase.plannedStart.slice(0, 4), 'iso-date': phase.plannedStart, value: 0 }),
      period,
    );
    yield element(
      'result', { type: IATI_CODES.resultType.output },
      element('title', {}, narrative(phase.title, textLang)),
      ...(phase.description ? [element('description', {}, narrative(phase.description, textLang))] : []),
      indicator,
    );
  }
}

/**
 * One outcome per funder's indicator, measured in its unit from the project start (the baseline's
 * date) to its target date, with the latest value as the actual.
 */
export function indicatorResult(indicator: IndicatorWithProgress, h: Pick<SnapshotHeader, 'project'>, lang: ExportLanguage, textLang: string): string {
  const { start, end } = indicatorPeriod(indicator.targetDate, h.project);
  const { current, currentOn, percent } = indicator.progress;
  const actual = current === null
    ? []
    : [element('actual', { value: current }, ...(currentOn ? [element('comment', {}, narrative(LABELS[lang].reached(percent, currentOn), lang))] : []))];
  return element(
    'result', { type: IATI_CODES.resultType.outcome },
    element('title', {}, narrative(indicator.name, textLang)),
    element(
      'indicator', { measure: IATI_CODES.measure.unit, ascending: indicator.target >= indicator.baseline ? 1 : 0 },
      element('title', {}, narrative(`${indicator.name} (${indicator.unit})`, textLang)),
      ...(indicator.description ? [element('description', {}, narrative(indicator.description, textLang))] : []),
      element('baseline', { year: start.slice(0, 4), 'iso-date': start, value: indicator.baseline }),
      element(
        'period', {},
        element('period-start', { 'iso-date': start }),
        element('period-end', { 'iso-date': end }),
        element('target', { value: indicator.target }),
        ...actual,
      ),
    ),
  );
}

async function* indicatorResults({ header: h, source, lang, textLang }: Activity) {
  for await (const { indicator } of recordsOf(source, 'indicator')) yield indicatorResult(indicator, h, lang, textLang);
}

const SECTIONS: Section[] = [
  identification, organisations, statusAndDates, placeAndSector, financialDefaults,
  budgets, transactions, phaseResults, indicatorResults,
];

// ---- The document ----

async function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export async function buildIati(source: SnapshotSource, out: NodeJS.WritableStream): Promise<void> {
  const h = await header(source);
  const activity: Activity = { header: h, source, lang: h.language, textLang: h.consortium.language };
  await write(out, '<?xml version="1.0" encoding="UTF-8"?>\n');
  await write(out, `<iati-activities${attributesOf({ version: IATI_VERSION, 'generated-datetime': h.generatedAt })}>\n`);
  const attributes = { 'xml:lang': h.language, 'default-currency': h.project.currency, 'last-updated-datetime': h.generatedAt };
  await write(out, `  <iati-activity${attributesOf(attributes)}>\n`);
  for (const section of SECTIONS) {
    for await (const markup of section(activity)) await write(out, `    ${markup}\n`);
  }
  await write(out, '  </iati-activity>\n</iati-activities>\n');
  await new Promise<void>((resolve) => out.end(resolve));
}
