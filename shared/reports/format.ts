// Formatting shared by the office exports (XLSX, PDF): money, dates and percentages per language,
// the values spreadsheets store, and the few totals a report shows that the header does not carry.
import { calendarDateIn } from '../domain/clock';
import type { Deliverable } from '../domain/deliverable';
import { isOverdue } from '../domain/schedule';
import type { ReportLabels } from './i18n';
import type { ExportLanguage, SnapshotPhase, SnapshotSource, SnapshotSummary } from './snapshot';

const LOCALES: Record<ExportLanguage, string> = { it: 'it-IT', en: 'en-GB' };

/** Spreadsheet number formats: codes, not locales, so the reader's program localises them. */
export const EURO_FORMAT = '#,##0.00 "€"';
export const PERCENT_FORMAT = '0.0%';
export const DATE_FORMATS: Record<ExportLanguage, string> = { it: 'dd/mm/yyyy', en: 'dd mmm yyyy' };
export const DATE_TIME_FORMATS: Record<ExportLanguage, string> = { it: 'dd/mm/yyyy hh:mm', en: 'dd mmm yyyy hh:mm' };

// Intl formatters are costly to build and a report formats thousands of values: build each once.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => F): F {
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = build()));
  return formatter as F;
}

/** Euro cents as the language writes them: `360.000,00 €` in Italian, `€360,000.00` in English. */
export function formatMoney(cents: number, language: ExportLanguage): string {
  const format = cached(`money:${language}`, () => new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'EUR' }));
  return format.format(cents / 100);
}

/** A percentage given from 0 to 100, with at most one decimal: `62,5%` or `62.5%`. */
export function formatPercent(percent: number, language: ExportLanguage): string {
  const format = cached(`percent:${language}`, () => new Intl.NumberFormat(LOCALES[language], { style: 'percent', maximumFractionDigits: 1 }));
  return format.format(percent / 100);
}

/** A count or a quantity, with at most two decimals: `1.234,5` or `1,234.5`. */
export function formatNumber(value: number, language: ExportLanguage): string {
  const format = cached(`number:${language}`, () => new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 2 }));
  return format.format(value);
}

/** A calendar date: `05/03/2026` (short) or `5 marzo 2026` / `5 March 2026` (long). */
export function formatDate(date: string, language: ExportLanguage, style: 'short' | 'long' = 'short'): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'long' ? { day: 'numeric', month: 'long', year: 'numeric' } : { day: '2-digit', month: '2-digit', year: 'numeric' };
  // Calendar dates are read and written at UTC midnight so that no time zone shifts the day.
  const format = cached(`date:${style}:${language}`, () => new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone: 'UTC' }));
  return format.format(utcMidnight(date));
}

/** An instant as the clock on the wall of `timeZone` showed it: `23 novembre 2026, 10:00`. */
export function formatInstant(instant: string, language: ExportLanguage, timeZone: string): string {
  const format = cached(
    `instant:${language}:${timeZone}`,
    () => new Intl.DateTimeFormat(LOCALES[language], { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }),
  );
  return format.format(new Date(instant));
}

/** The calendar date of an instant in the consortium's time zone. */
export const dateOf = (instant: string, timeZone: string): string => calendarDateIn(new Date(instant), timeZone);

/** The days a deliverable was last submitted and accepted, in the consortium's time zone. */
export function reviewDays(
  deliverable: Pick<Deliverable, 'submittedAt' | 'submittedOn' | 'acceptedAt'>,
  timeZone: string,
): { submitted?: string; accepted?: string } {
  const { submittedAt, submittedOn, acceptedAt } = deliverable;
  return {
    submitted: submittedOn ?? (submittedAt ? dateOf(submittedAt, timeZone) : undefined),
    accepted: acceptedAt ? dateOf(acceptedAt, timeZone) : undefined,
  };
}

/** A calendar date as a spreadsheet date cell: UTC midnight, which exceljs writes as a whole serial. */
export function utcMidnight(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * An instant as a spreadsheet date-time cell. Spreadsheet date-times have no time zone, so the
 * cell holds the wall-clock time of `timeZone`, encoded as if it were UTC.
 */
export function wallClock(instant: string, timeZone: string): Date {
  const format = cached(
    `wall:${timeZone}`,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  );
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return new Date(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`);
}

/** Fills `{name}` placeholders of a label: `fill('Page {page}', { page: 3 })`. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** What summaries show beyond the header's progress: one pass over the snapshot, constant memory. */
export interface Tally {
  /** The project's phases in snapshot order: a project has a few, never thousands. */
  phases: SnapshotPhase['phase'][];
  overdue: number;
  weightTotal: number;
  /** Deliverables whose phase is not in the snapshot: reports list them apart rather than lose them. */
  unplaced: number;
  /** The project's training, offer, indicator and money summaries; absent from older snapshots. */
  summary?: SnapshotSummary;
}

export async function tally(source: SnapshotSource, today: string): Promise<Tally> {
  const result: Tally = { phases: [], overdue: 0, weightTotal: 0, unplaced: 0 };
  const perPhase = new Map<string, number>();
  for await (const record of source()) {
    if (record.kind === 'phase') result.phases.push(record.phase);
    if (record.kind === 'summary') result.summary = record;
    if (record.kind !== 'deliverable') continue;
    const { deliverable } = record;
    if (isOverdue(deliverable, today)) result.overdue += 1;
    result.weightTotal += deliverable.weight;
    perPhase.set(deliverable.phaseId, (perPhase.get(deliverable.phaseId) ?? 0) + 1);
  }
  const known = new Set(result.phases.map((phase) => phase.id));
  for (const [phaseId, count] of perPhase) if (!known.has(phaseId)) result.unplaced += count;
  return result;
}

/**
 * A labelled value of a summary, typed so that a spreadsheet stores it as a number with a format
 * and a PDF writes it in words: `cents` are euro cents, `percent` a share from 0 to 100.
 */
export interface Fact {
  label: string;
  value: number | string | null;
  as: 'cents' | 'percent' | 'number' | 'text';
}

const fact = (label: string, value: Fact['value'], as: Fact['as']): Fact => ({ label, value, as });

/** The training summary; `names` turns member ids into names. */
export function trainingFacts(training: SnapshotSummary['training'], text: ReportLabels, names: (memberId: string) => string): Fact[] {
  const { field } = text;
  return [
    fact(field.trainingPaths, training.paths, 'number'),
    fact(field.sessions, training.sessions, 'number'),
    fact(field.sessionsHeld, training.sessionsHeld, 'number'),
    fact(field.sessionsPlanned, training.sessionsPlanned, 'number'),
    fact(field.sessionsCancelled, training.sessionsCancelled, 'number'),
    fact(field.hoursDelivered, training.hoursDelivered, 'number'),
    fact(field.attendances, training.attendances, 'number'),
    fact(field.participants, training.participants, 'number'),
    fact(field.personHours, training.personHours, 'number'),
    fact(field.membersTakingPart, training.membersTakingPart, 'number'),
    fact(field.membersNotYetTakingPart, training.membersNotYetTakingPart.map(names).join(', ') || '–', 'text'),
  ];
}

/** The offers' totals (the counts and values by stage are a table of their own). */
export function offerFacts(offers: SnapshotSummary['offers'], text: ReportLabels): Fact[] {
  const { field } = text;
  return [
    fact(field.offers, offers.offers, 'number'),
    fact(field.offersWon, offers.wonCount, 'number'),
    fact(field.wonValue, offers.wonCents, 'cents'),
    fact(field.winRate, offers.winRatePercent, 'percent'),
  ];
}

export function indicatorFacts(indicators: SnapshotSummary['indicators'], text: ReportLabels): Fact[] {
  const { field } = text;
  return [
    fact(field.indicators, indicators.indicators, 'number'),
    fact(field.indicatorsAchieved, indicators.achieved, 'number'),
    fact(field.indicatorsLate, indicators.late, 'number'),
  ];
}

/** The money summary in three parts: budget and spend, co-financing, the funder's payments. */
export function moneyFacts(money: SnapshotSummary['money'], text: ReportLabels): Record<'budget' | 'cofinancing' | 'payments', Fact[]> {
  const { field } = text;
  const { budget, spending, cofinancing, payments } = money;
  return {
    budget: [
      fact(field.budgetGrant, budget.grantCents, 'cents'),
      fact(field.budgetCofinancing, budget.cofinancingCents, 'cents'),
      fact(field.budgetTotal, budget.totalCents, 'cents'),
      fact(field.budgetLines, budget.lines, 'number'),
      fact(field.budgetBalanced, budget.difference.balanced ? text.yes : text.no, 'text'),
      fact(field.costsSubmitted, spending.submittedCents, 'cents'),
      fact(field.approvedSpend, spending.approvedCents, 'cents'),
      fact(field.approvedShare, spending.approvedPercent, 'percent'),
      fact(field.budgetRemaining, spending.remainingCents, 'cents'),
    ],
    cofinancing: [
      fact(field.cofinancingPromised, cofinancing.promisedCents, 'cents'),
      fact(field.cofinancingProvided, cofinancing.providedCents, 'cents'),
      fact(field.cofinancingMoney, cofinancing.moneyCents, 'cents'),
      fact(field.cofinancingInKind, cofinancing.inKindCents, 'cents'),
      fact(field.cofinancingRemaining, cofinancing.remainingCents, 'cents'),
    ],
    payments: [
      fact(field.granted, payments.grantedCents, 'cents'),
      fact(field.instalmentsPlanned, payments.instalmentsCents, 'cents'),
      fact(field.instalments, payments.instalments, 'number'),
      fact(field.requested, payments.requestedCents, 'cents'),
      fact(field.received, payments.receivedCents, 'cents'),
      fact(field.due, payments.dueCents, 'cents'),
    ],
  };
}

/** A fact in words: euros with the euro sign, percentages, numbers; a missing value is a dash. */
export function formatFact({ value, as }: Fact, language: ExportLanguage): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  if (as === 'cents') return formatMoney(value, language);
  if (as === 'percent') return formatPercent(value, language);
  return formatNumber(value, language);
}

/** One partner's budget, approved spend and co-financing, in cents. */
export interface PartnerAccount {
  grantCents: number;
  cofinancingCents: number;
  approvedCents: number;
  /** Co-financing provided, net of reversals. */
  providedCents: number;
}

/**
 * Each partner's accounts, from its budget lines (which keep their approved spend) and its
 * co-financing contributions: one pass, a few numbers per partner, whatever the number of costs.
 */
export async function partnerAccounts(source: SnapshotSource): Promise<Map<string, PartnerAccount>> {
  const accounts = new Map<string, PartnerAccount>();
  const of = (memberId: string) => {
    let account = accounts.get(memberId);
    if (!account) accounts.set(memberId, (account = { grantCents: 0, cofinancingCents: 0, approvedCents: 0, providedCents: 0 }));
    return account;
  };
  for await (const record of source()) {
    if (record.kind === 'budgetLine') {
      const account = of(record.line.memberId);
      account.grantCents += record.line.grantCents;
      account.cofinancingCents += record.line.cofinancingCents;
      account.approvedCents += record.line.approvedCents;
    }
    if (record.kind === 'contribution') {
      const { memberId, entry, valueCents } = record.contribution;
      of(memberId).providedCents += (entry === 'reversal' ? -1 : 1) * valueCents;
    }
  }
  return accounts;
}

/** Lets piped streams flow now and then, so that a long loop over records does not buffer a whole file. */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
