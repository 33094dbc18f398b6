// Reporting schedules: a project can ask for an export after each month or quarter, by itself.
import { z } from 'zod';
import { addDays } from './clock';
import { ExportFormat } from './export';

export const ReportingSchedule = z
  .strictObject({
    frequency: z.enum(['monthly', 'quarterly']),
    formats: z.array(ExportFormat).min(1).max(ExportFormat.options.length),
    language: z.enum(['it', 'en']),
  })
  .meta({ id: 'ReportingSchedule', description: 'An export of each past month or quarter, made when it ends' });
export type ReportingSchedule = z.infer<typeof ReportingSchedule>;

export interface ReportingPeriod {
  from: string;
  to: string;
  /** Names the period in ids: `2026-10` or `2026-q3`. */
  label: string;
}

/** The last whole month or quarter before `today`: what is due for reporting today. */
export function lastWholePeriod(frequency: ReportingSchedule['frequency'], today: string): ReportingPeriod {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const months = frequency === 'monthly' ? 1 : 3;
  // The first month of the period that contains today, then step back one period.
  const currentStart = frequency === 'monthly' ? month : Math.floor((month - 1) / 3) * 3 + 1;
  const startIndex = year * 12 + (currentStart - 1) - months;
  const fromYear = Math.floor(startIndex / 12);
  const fromMonth = (startIndex % 12) + 1;
  const from = `${fromYear}-${String(fromMonth).padStart(2, '0')}-01`;
  const nextIndex = startIndex + months;
  const next = `${Math.floor(nextIndex / 12)}-${String((nextIndex % 12) + 1).padStart(2, '0')}-01`;
  const label = frequency === 'monthly' ? from.slice(0, 7) : `${fromYear}-q${(fromMonth - 1) / 3 + 1}`;
  return { from, to: addDays(next, -1), label };
}
