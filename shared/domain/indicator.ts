// Indicators a funder judges a project on: targets with dated actuals typed in by coordinators, or
// computed from the suite's own data (training, offers, deliverables, members); and their progress.
import { z } from 'zod';
import { Audited, CalendarDate, Id, Instant, Text, Title, Version, patchOf } from './common';
import { ConflictError, ValidationError } from './errors';

export const MAX_INDICATORS_PER_PROJECT = 100;
export const MAX_ACTUALS_PER_INDICATOR = 200;

/** What a computed indicator counts; its value comes from the suite, never typed in. */
export const IndicatorMetric = z.enum([
  'training_hours',
  'members_trained',
  'offers_won',
  'offers_won_value',
  'deliverables_accepted_on_time',
  'members_admitted',
]);
export type IndicatorMetric = z.infer<typeof IndicatorMetric>;

export const METRIC_DESCRIPTIONS: Record<IndicatorMetric, string> = {
  training_hours: "hours of held sessions of the project's training paths",
  members_trained: "distinct members with attendance in the project's training paths",
  offers_won: "the project's offers won",
  offers_won_value: "the value of the project's offers won, in euro cents",
  deliverables_accepted_on_time: "the project's accepted deliverables last submitted on or before their due date",
  members_admitted: 'members of the consortium admitted (joined) from the project start to today',
};

/** DynamoDB stores no magnitude below 1e-130: values keep at most six decimals, which no indicator needs more of. */
const Value = z
  .number()
  .min(-1e12)
  .max(1e12)
  .refine((value) => Number(value.toFixed(6)) === value, 'must have at most 6 decimal places');

export const Actual = z.strictObject({
  on: CalendarDate,
  value: Value,
  note: z.string().max(500).optional(),
});
export type Actual = z.infer<typeof Actual>;

const indicatorFields = {
  name: Title,
  description: Text.optional(),
  unit: z.string().trim().min(1).max(40).meta({ example: 'ore' }),
  baseline: Value,
  target: Value,
  targetDate: CalendarDate,
};

export const Indicator = z
  .object({
    id: Id,
    consortiumId: Id,
    projectId: Id,
    ...indicatorFields,
    metric: IndicatorMetric.optional().meta({ description: 'For a computed indicator: what the suite counts' }),
    actuals: z.array(Actual.extend({ at: Instant, by: z.string().max(128) })).max(MAX_ACTUALS_PER_INDICATOR)
      .meta({ description: `Dated actual values, by date (at most ${MAX_ACTUALS_PER_INDICATOR}); none for a computed indicator` }),
    ...Audited,
  })
  .meta({ id: 'Indicator', description: `At most ${MAX_INDICATORS_PER_PROJECT} indicators per project` });
export type Indicator = z.infer<typeof Indicator>;

export const IndicatorCreate = z
  .strictObject({ ...indicatorFields, metric: IndicatorMetric.optional() })
  .refine((i) => i.target !== i.baseline, { path: ['target'], message: 'must differ from the baseline' })
  .meta({ id: 'IndicatorCreate' });
export type IndicatorCreate = z.infer<typeof IndicatorCreate>;

export const IndicatorPatch = patchOf(indicatorFields).meta({ id: 'IndicatorPatch' });
export type IndicatorPatch = z.infer<typeof IndicatorPatch>;

export const ActualInput = Actual.extend({ version: Version.optional() }).meta({ id: 'ActualInput' });
export type ActualInput = z.infer<typeof ActualInput>;

/** Records an actual; one per day, so a second one on the same day replaces the first. */
export function addActual(indicator: Indicator, input: Actual, context: { by: string; now: string; today: string }): Indicator['actuals'] {
  if (indicator.metric) throw new ConflictError(`Indicator ${indicator.id} is computed (${indicator.metric}): its value is not typed in`);
  if (input.on > context.today) throw new ValidationError([{ path: 'on', message: `must not be after today (${context.today})` }]);
  const others = indicator.actuals.filter((actual) => actual.on !== input.on);
  if (others.length >= MAX_ACTUALS_PER_INDICATOR) throw new ConflictError(`An indicator keeps at most ${MAX_ACTUALS_PER_INDICATOR} actuals`);
  return [...others, { ...input, at: context.now, by: context.by }].sort((a, b) => a.on.localeCompare(b.on));
}

/** The suite's own numbers a computed indicator reads. */
export type ComputedSources = Record<IndicatorMetric, number>;

interface SourceData {
  training: { hoursDelivered: number; membersTakingPart: number };
  offers: { stage: string; valueCents: number }[];
  /** From the project's counters, kept in the same transaction as each acceptance. */
  acceptedOnTime: number;
  members: { status: string; joinedOn?: string }[];
  project: { startDate: string };
  today: string;
}

/** Computes every metric from the data it counts (pure: the store reads the data). */
export function computedSources(data: SourceData): ComputedSources {
  const won = data.offers.filter((offer) => offer.stage === 'won');
  return {
    training_hours: data.training.hoursDelivered,
    members_trained: data.training.membersTakingPart,
    offers_won: won.length,
    offers_won_value: won.reduce((sum, offer) => sum + offer.valueCents, 0),
    deliverables_accepted_on_time: data.acceptedOnTime,
    members_admitted: data.members.filter(
      (m) => m.status !== 'applicant' && m.joinedOn !== undefined && m.joinedOn >= data.project.startDate && m.joinedOn <= data.today,
    ).length,
  };
}

export const IndicatorProgress = z.object({
  current: z.number().nullable().meta({ description: 'The latest actual, or the computed value; null before any actual' }),
  currentOn: CalendarDate.nullable().meta({ description: 'The date of that value' }),
  percent: z.number().min(0).max(100).meta({ description: 'Share of the way from baseline to target, 0–100' }),
  achieved: z.boolean(),
  late: z.boolean().meta({ description: 'The target date has passed and the target is not achieved' }),
  inEuroCents: z.boolean().meta({ description: 'Its values (baseline, target, actuals, current) are euro cents: show them as euros' }),
});
export type IndicatorProgress = z.infer<typeof IndicatorProgress>;

export const IndicatorWithProgress = Indicator.extend({ progress: IndicatorProgress }).meta({ id: 'IndicatorWithProgress' });
export type IndicatorWithProgress = z.infer<typeof IndicatorWithProgress>;

/** Progress from baseline to target, in whichever direction the target lies. */
export function progressOf(indicator: Indicator, sources: ComputedSources | undefined, today: string): IndicatorProgress {
  const latest = indicator.actuals.at(-1);
  const current = indicator.metric ? (sources?.[indicator.metric] ?? null) : (latest?.value ?? null);
  const currentOn = indicator.metric ? (sources ? today : null) : (latest?.on ?? null);
  const span = indicator.target - indicator.baseline;
  const share = current === null ? 0 : (current - indicator.baseline) / span;
  const percent = Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
  const achieved = current !== null && share >= 1;
  return { current, currentOn, percent, achieved, late: !achieved && indicator.targetDate < today, inEuroCents: indicator.metric === 'offers_won_value' };
}

export const IndicatorSummary = z
  .object({
    indicators: z.number().int().min(0),
    achieved: z.number().int().min(0),
    late: z.number().int().min(0),
    items: z.array(IndicatorWithProgress),
  })
  .meta({ id: 'IndicatorSummary' });
export type IndicatorSummary = z.infer<typeof IndicatorSummary>;

/** The overview's indicator summary: every indicator of the project with its progress. */
export function indicatorSummary(indicators: Indicator[], sources: ComputedSources, today: string): IndicatorSummary {
  const items = indicators.map((indicator) => ({ ...indicator, progress: progressOf(indicator, sources, today) }));
  return {
    indicators: items.length,
    achieved: items.filter((i) => i.progress.achieved).length,
    late: items.filter((i) => i.progress.late).length,
    items,
  };
}
