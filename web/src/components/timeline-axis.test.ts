import { describe, expect, it } from 'vitest';
import { along, axisTicks } from './timeline-axis';

describe("the timeline's axis", () => {
  it('marks quarters over a three-year project, the first of each year carrying the year', () => {
    const { ticks, step } = axisTicks('2025-01-01', '2027-12-31');
    expect(step).toBe('quarter');
    expect(ticks.map((tick) => tick.date)).toHaveLength(12);
    expect(ticks.filter((tick) => tick.yearStart).map((tick) => tick.year)).toEqual([2025, 2026, 2027]);
    expect(ticks[0]!.at).toBe(0);
  });

  it('leaves the year off a first tick close to the next January, where the two labels would collide', () => {
    const { ticks } = axisTicks('2025-09-01', '2028-08-31');
    expect(ticks[0]).toMatchObject({ date: '2025-10-01', yearStart: false });
    expect(ticks.filter((tick) => tick.yearStart).map((tick) => tick.year)).toEqual([2026, 2027, 2028]);
  });

  it('marks months over a project of a year, starting at the first month start in it', () => {
    const { ticks, step } = axisTicks('2026-02-15', '2027-01-31');
    expect(step).toBe('month');
    expect(ticks[0]).toMatchObject({ date: '2026-03-01', month: 3, yearStart: true });
    expect(ticks.map((tick) => tick.date).at(-1)).toBe('2027-01-01');
  });

  it('places a date along the span, clamped to it', () => {
    expect(along('2026-01-01', '2026-01-11', '2026-01-06')).toBe(0.5);
    expect(along('2026-01-01', '2026-01-11', '2025-12-01')).toBe(0);
    expect(along('2026-01-01', '2026-01-11', '2027-01-01')).toBe(1);
  });
});
