// Time for the domain: an injected clock and pure calendar-date arithmetic (no system clock here).

export interface Clock {
  now(): Date;
}

/** A clock that always answers the same instant: for tests and reproducible jobs. */
export function fixedClock(instant: Date | string): Clock {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  return { now: () => new Date(at.getTime()) };
}

// Building a formatter is costly and exports call this once per row: one per time zone.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone such as Europe/Rome. */
export function calendarDateIn(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
}

function parseCalendarDate(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

function formatCalendarDate(utcMillis: number): string {
  return new Date(utcMillis).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return formatCalendarDate(parseCalendarDate(date) + days * 86_400_000);
}

/** Adds calendar months, clamping the day to the target month's last day. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const firstOfTarget = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0),
  ).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(day, lastDay));
  return formatCalendarDate(firstOfTarget.getTime());
}

export function daysBetween(from: string, to: string): number {
  return Math.round((parseCalendarDate(to) - parseCalendarDate(from)) / 86_400_000);
}

export function isValidCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  return formatCalendarDate(parseCalendarDate(date)) === date;
}
