import { describe, expect, it } from 'vitest';
import { lastWholePeriod } from './reporting';

describe('the last whole reporting period', () => {
  it('is the previous month, across a year end', () => {
    expect(lastWholePeriod('monthly', '2026-11-05')).toEqual({ from: '2026-10-01', to: '2026-10-31', label: '2026-10' });
    expect(lastWholePeriod('monthly', '2027-01-01')).toEqual({ from: '2026-12-01', to: '2026-12-31', label: '2026-12' });
    expect(lastWholePeriod('monthly', '2028-03-15')).toEqual({ from: '2028-02-01', to: '2028-02-29', label: '2028-02' });
  });

  it('is the previous quarter, across a year end', () => {
    expect(lastWholePeriod('quarterly', '2026-11-05')).toEqual({ from: '2026-07-01', to: '2026-09-30', label: '2026-q3' });
    expect(lastWholePeriod('quarterly', '2027-02-10')).toEqual({ from: '2026-10-01', to: '2026-12-31', label: '2026-q4' });
    expect(lastWholePeriod('quarterly', '2026-04-01')).toEqual({ from: '2026-01-01', to: '2026-03-31', label: '2026-q1' });
  });
});
