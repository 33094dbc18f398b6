// Dates, numbers and euros in the chosen language, with Intl. Calendar dates are shown as written
// (formatted in UTC, so that no time zone moves them by a day).
export type Language = 'it' | 'en';

export function formatters(language: Language) {
  const day = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  const moment = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const euro = new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' });
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
  return {
    /** A calendar date `YYYY-MM-DD`. */
    date: (value: string) => day.format(new Date(`${value}T00:00:00Z`)),
    /** An ISO instant. */
    instant: (value: string) => moment.format(new Date(value)),
    euro: (cents: number) => euro.format(cents / 100),
    number: (value: number) => number.format(value),
    /** 0–100 → "45 %" or "45%" as the language writes it. */
    percent: (value: number) => percent.format(value / 100),
  };
}

export type Formatters = ReturnType<typeof formatters>;

/**
 * Euros as people type them ("240,50", "240.50", "1.240,50", "1,240.50") → integer cents, or NaN
 * (the API then names the field). The last separator followed by one or two digits is the decimal one.
 */
export function centsOf(text: string): number {
  const compact = text.trim().replace(/[\s€]/g, '');
  const match = /^(\d+(?:[.,]\d{3})*|\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return NaN;
  const euros = Number(match[1]!.replace(/[.,]/g, ''));
  const cents = match[2] ? Number(match[2].padEnd(2, '0')) : 0;
  return euros * 100 + cents;
}

/** Cents as a person would type them back into a euro field ("1234,50" in Italian, "1234.50" in English). */
export function euroText(cents: number, language: Language): string {
  const text = (cents / 100).toFixed(2);
  return language === 'it' ? text.replace('.', ',') : text;
}

/** Today's calendar date `YYYY-MM-DD` in a time zone (the consortium's): due dates compare with it. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
