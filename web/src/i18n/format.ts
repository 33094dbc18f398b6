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
