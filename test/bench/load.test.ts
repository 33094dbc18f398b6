// The bench records the machine's load with each section and measures a timed section again while
// the load was high, keeping the least loaded attempt.
import { describe, expect, it } from 'vitest';
import { describeLoad, measureUnderLoad } from '../../bench/lib/load';
import type { Section } from '../../bench/lib/results';

/** A load average that reads the given 1-minute figures in turn (two per attempt: start, end). */
const loads = (...values: number[]) => () => [values.shift() ?? 0, 0, 0];
const section = (attempt: number): Section => ({ id: 'coldStart', title: 'cold start', figures: [], notes: [`attempt ${attempt}`] });

describe('measuring under load', () => {
  it('measures a timed section once when the load stays within the cores, and records it', async () => {
    let runs = 0;
    const measured = await measureUnderLoad('coldStart', 2, async () => section(++runs), { read: loads(0.8, 1.4) });

    expect(runs).toBe(1);
    expect(measured.load).toEqual({ start: 0.8, end: 1.4, highAbove: 2, attempts: [{ start: 0.8, end: 1.4 }], kept: 0 });
    expect(measured.loadAverage).toBe(1.4);
  });

  it('measures it again while the load is high, and keeps the least loaded attempt', async () => {
    let runs = 0;
    const measured = await measureUnderLoad('coldStart', 2, async () => section(++runs), { read: loads(6.1, 7.3, 2.5, 1.9, 4, 4.2) });

    expect(runs).toBe(3);
    expect(measured.notes).toEqual(['attempt 2']);
    expect(measured.load.kept).toBe(1);
    expect(describeLoad(measured.load)).toBe(
      '1-minute load average 2.5 at its start, 1.9 at its end (high: above the 2 cores); measured 3 times because the load was above 2 (6.1 → 7.3, 2.5 → 1.9, 4 → 4.2), attempt 2 kept',
    );
  });

  it('stops at the first attempt whose load is within the cores', async () => {
    let runs = 0;
    await measureUnderLoad('overhead', 2, async () => section(++runs), { read: loads(5, 5, 1, 1.5) });

    expect(runs).toBe(2);
  });

  it('measures once a section of fixed figures, or any section of a quick run, whatever the load', async () => {
    let runs = 0;
    await measureUnderLoad('bundle', 2, async () => section(++runs), { read: loads(9, 9) });
    await measureUnderLoad('coldStart', 2, async () => section(++runs), { read: loads(9, 9), repeat: false });

    expect(runs).toBe(2);
  });
});
