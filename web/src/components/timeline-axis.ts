// The timeline's time axis: a tick at each month or quarter start between two dates (months for a
// project of up to 18 months, quarters beyond), each with its position as a share of the span.

export interface Tick {
  /** `YYYY-MM-01` */
  date: string;
  /** 0–1 along the span. */
  at: number;
  /** The first tick of a year: it carries the year on narrow screens too. */
  yearStart: boolean;
  /** 1–12 */
  month: number;
  year: number;
}

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export function axisTicks(start: string, end: string): { ticks: Tick[]; step: 'month' | 'quarter' } {
  const span = Math.max(1, day(end) - day(start));
  const months = (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(end.slice(5, 7)) - Number(start.slice(5, 7));
  const step = months > 18 ? 'quarter' : 'month';
  const ticks: Tick[] = [];
  let year = Number(start.slice(0, 4));
  let month = Number(start.slice(5, 7));
  if (step === 'quarter') month = month - ((month - 1) % 3);
  for (;;) {
    const date = `${year}-${String(month).padStart(2, '0')}-01`;
    if (date > end) break;
    // The first tick carries its year too, unless the next January is so close that the two collide.
    const first = ticks.length === 0 && 13 - month >= (step === 'quarter' ? 6 : 4);
    if (date >= start) ticks.push({ date, at: (day(date) - day(start)) / span, yearStart: month === 1 || first, month, year });
    month += step === 'quarter' ? 3 : 1;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
  }
  return { ticks, step };
}

/** Where a date falls along the span, 0–1, clamped. */
export function along(start: string, end: string, date: string): number {
  const span = Math.max(1, day(end) - day(start));
  return Math.min(1, Math.max(0, (day(date) - day(start)) / span));
}
