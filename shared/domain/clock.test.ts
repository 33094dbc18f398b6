import { describe, expect, it } from 'vitest';
import { addDays, addMonths, calendarDateIn, daysBetween, fixedClock, isValidCalendarDate } from './clock';

describe('addDays', () => {
  it.each([
    ['2026-03-10', 5, '2026-03-15'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-05-01', 0, '2026-05-01'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 365, '2028-12-31'],
  ])('moves %s by %i days to %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2027-01-15', -1, '2026-12-15'],
    ['2026-05-31', 12, '2027-05-31'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-01-31', 36, '2029-01-31'],
  ])('moves %s by %i months to %s, clamping to the last day of the month', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-03-01', '2026-03-01', 0],
    ['2026-03-01', '2026-03-15', 14],
    ['2026-03-15', '2026-03-01', -14],
    ['2026-02-01', '2026-03-01', 28],
    ['2028-02-01', '2028-03-01', 29],
    ['2026-12-31', '2027-01-01', 1],
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
    ['2026-03-28', '2026-03-30', 2],
  ])('counts from %s to %s as %i days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('is the inverse of addDays', () => {
    const from = '2026-06-17';

    const to = addDays(from, 500);

    expect(daysBetween(from, to)).toBe(500);
  });
});

describe('isValidCalendarDate', () => {
  it.each(['2026-03-31', '2028-02-29', '2000-02-29', '2026-12-31', '2026-01-01'])('accepts %s', (date) => {
    expect(isValidCalendarDate(date)).toBe(true);
  });

  it.each([
    '2026-02-29',
    '2100-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-5',
    '26-01-05',
    '2026/01/05',
    '2026-01-05T00:00:00Z',
    ' 2026-01-05',
    '',
    'yesterday',
  ])('refuses %j', (date) => {
    expect(isValidCalendarDate(date)).toBe(false);
  });
});

describe('calendarDateIn', () => {
  it('puts a late-evening UTC instant on the next day in Rome in summer (UTC+2)', () => {
    const instant = new Date('2026-06-30T22:30:00Z');

    expect(calendarDateIn(instant, 'Europe/Rome')).toBe('2026-07-01');
    expect(calendarDateIn(instant, 'UTC')).toBe('2026-06-30');
  });

  it('puts a late-evening UTC instant on the next day in Rome in winter (UTC+1)', () => {
    const instant = new Date('2026-12-31T23:15:00Z');

    expect(calendarDateIn(instant, 'Europe/Rome')).toBe('2027-01-01');
    expect(calendarDateIn(instant, 'UTC')).toBe('2026-12-31');
  });

  it('keeps the same day in Rome just before local midnight', () => {
    const instant = new Date('2026-01-15T22:59:59Z');

    expect(calendarDateIn(instant, 'Europe/Rome')).toBe('2026-01-15');
  });

  it('switches day in Rome exactly at local midnight', () => {
    const instant = new Date('2026-01-15T23:00:00Z');

    expect(calendarDateIn(instant, 'Europe/Rome')).toBe('2026-01-16');
  });

  it('answers a date that isValidCalendarDate accepts', () => {
    const date = calendarDateIn(new Date('2026-03-29T01:30:00Z'), 'Europe/Rome');

    expect(isValidCalendarDate(date)).toBe(true);
  });
});

describe('fixedClock', () => {
  it('always answers the instant it was given', () => {
    const clock = fixedClock('2026-03-02T10:00:00Z');

    expect(clock.now().toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });

  it('cannot be moved by changing a date it returned', () => {
    const clock = fixedClock(new Date('2026-03-02T10:00:00Z'));

    clock.now().setUTCFullYear(1999);

    expect(clock.now().toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });
});
