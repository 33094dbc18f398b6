// Formats follow the chosen language; euros typed either way become the same cents.
import { describe, expect, it } from 'vitest';
import { centsOf, euroText, formatters, todayIn } from './format';

describe('formatters', () => {
  it('writes euros, dates and percentages the Italian way in Italian and the English way in English', () => {
    const it_ = formatters('it');
    const en = formatters('en');
    expect(it_.euro(12345678).replace(/\s/g, ' ')).toBe('123.456,78 €');
    expect(en.euro(12345678)).toBe('€123,456.78');
    expect(it_.date('2026-11-23')).toBe('23 nov 2026');
    expect(en.date('2026-11-23')).toBe('Nov 23, 2026');
    expect(it_.percent(18.25)).toBe('18,3%');
    expect(en.percent(18.25)).toBe('18.3%');
  });

  it('keeps a calendar date on its day whatever the time zone', () => {
    expect(formatters('en').date('2026-01-01')).toBe('Jan 1, 2026');
  });
});

describe('centsOf', () => {
  it.each([
    ['240,50', 24050],
    ['240.50', 24050],
    ['240', 24000],
    ['1.240,5', 124050],
    ['1,240.50', 124050],
    [' 52,91 € ', 5291],
  ])('reads %s as %i cents', (text, cents) => {
    expect(centsOf(text)).toBe(cents);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', 'abc', '12,3456', '1.2.3', '-5']) expect(centsOf(text)).toBeNaN();
  });
});

describe('euroText', () => {
  it('writes cents as they are typed back in each language, and centsOf reads them as the same cents', () => {
    expect(euroText(123450, 'it')).toBe('1234,50');
    expect(euroText(123450, 'en')).toBe('1234.50');
    for (const language of ['it', 'en'] as const) expect(centsOf(euroText(5, language))).toBe(5);
  });
});

describe('todayIn', () => {
  it("gives the date in the consortium's time zone, not the browser's", () => {
    expect(todayIn('Europe/Rome', new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
    expect(todayIn('UTC', new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-23');
  });
});
