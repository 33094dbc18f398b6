import { describe, expect, it } from 'vitest';
import { addActual, computedSources, indicatorSummary, progressOf, type ComputedSources, type Indicator } from './indicator';

const indicator = (fields: Partial<Indicator> = {}): Indicator => ({
  id: 'i', consortiumId: 'c', projectId: 'p', name: 'Visitors', unit: 'people', baseline: 100, target: 300, targetDate: '2026-12-31',
  actuals: [], version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...fields,
});
const context = { by: 'p', now: '2026-06-01T09:00:00Z', today: '2026-06-01' };
const sources: ComputedSources = {
  training_hours: 40, members_trained: 5, offers_won: 2, offers_won_value: 500_000, deliverables_accepted_on_time: 7, members_admitted: 1,
};

describe('indicators', () => {
  it('keep one actual per day, by date, and refuse future or computed ones', () => {
    const first = addActual(indicator(), { on: '2026-05-01', value: 150 }, context);
    const second = addActual(indicator({ actuals: first }), { on: '2026-03-01', value: 120 }, context);
    const replaced = addActual(indicator({ actuals: second }), { on: '2026-05-01', value: 160 }, context);
    expect(replaced.map((a) => [a.on, a.value])).toEqual([['2026-03-01', 120], ['2026-05-01', 160]]);
    expect(() => addActual(indicator(), { on: '2026-06-02', value: 1 }, context)).toThrow(/Invalid on/);
    expect(() => addActual(indicator({ metric: 'offers_won' }), { on: '2026-05-01', value: 1 }, context)).toThrow(/computed/);
  });

  it('show progress from baseline to target from the latest actual, in either direction', () => {
    const rising = indicator({ actuals: [{ on: '2026-05-01', value: 200, at: context.now, by: 'p' }] });
    expect(progressOf(rising, undefined, '2026-06-01')).toEqual({ current: 200, currentOn: '2026-05-01', percent: 50, achieved: false, late: false, inEuroCents: false });
    const falling = indicator({ baseline: 50, target: 10, actuals: [{ on: '2026-05-01', value: 5, at: context.now, by: 'p' }] });
    expect(progressOf(falling, undefined, '2026-06-01')).toMatchObject({ percent: 100, achieved: true });
    expect(progressOf(indicator(), undefined, '2027-01-01')).toEqual({ current: null, currentOn: null, percent: 0, achieved: false, late: true, inEuroCents: false });
  });

  it('read computed values from the suite’s own data', () => {
    const computed = indicator({ metric: 'training_hours', baseline: 0, target: 80 });
    expect(progressOf(computed, sources, '2026-06-01')).toMatchObject({ current: 40, currentOn: '2026-06-01', percent: 50 });
    const summary = indicatorSummary([computed, indicator({ metric: 'members_admitted', baseline: 0, target: 1 })], sources, '2026-06-01');
    expect(summary).toMatchObject({ indicators: 2, achieved: 1, late: 0 });
  });

  it('say when their values are euro cents: the value of offers won', () => {
    expect(progressOf(indicator({ metric: 'offers_won_value', baseline: 0, target: 100_000 }), sources, '2026-06-01').inEuroCents).toBe(true);
    expect(progressOf(indicator({ metric: 'offers_won', baseline: 0, target: 4 }), sources, '2026-06-01').inEuroCents).toBe(false);
  });

  it('count won offers, on-time acceptances from the counters and members admitted during the project', () => {
    const result = computedSources({
      training: { hoursDelivered: 12.5, membersTakingPart: 3 },
      offers: [{ stage: 'won', valueCents: 100 }, { stage: 'won', valueCents: 50 }, { stage: 'lost', valueCents: 999 }],
      acceptedOnTime: 1,
      members: [
        { status: 'active', joinedOn: '2025-01-01' },
        { status: 'active', joinedOn: '2026-02-01' },
        { status: 'applicant' },
      ],
      project: { startDate: '2026-01-01' },
      today: '2026-06-01',
    });
    expect(result).toEqual({
      training_hours: 12.5, members_trained: 3, offers_won: 2, offers_won_value: 150, deliverables_accepted_on_time: 1, members_admitted: 1,
    });
  });
});
