// The writers section's windows: every writer writes one write after another until the time is up,
// and each answer is counted by its status; two windows of one side add up as one.
import { describe, expect, it } from 'vitest';
import { countOf, joined, statusText, writeFor } from '../../bench/lib/concurrent';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('concurrent writers for a while', () => {
  it('runs every writer one write after another until the time is up, counting answers by status', async () => {
    const inFlight = new Set<number>();
    const window = await writeFor(3, 0.1, async (writer, round) => {
      expect(inFlight.has(writer)).toBe(false);
      inFlight.add(writer);
      await pause(5);
      inFlight.delete(writer);
      return round % 4 === 3 ? 503 : 200;
    }, 'test');

    expect(window.latencyMs.length).toBeGreaterThanOrEqual(3);
    expect(window.ok + countOf(window, 503)).toBe(window.latencyMs.length);
    expect(window.ok).toBe(countOf(window, 200));
    expect(window.seconds).toBeGreaterThanOrEqual(0.1);
    expect(statusText(window)).toMatch(/^200×\d+/);
  });

  it('adds up two windows of one side, keeping the first one\'s start and the second one\'s end', () => {
    const first = { seconds: 1, ok: 2, statuses: new Map([[200, 2]]), latencyMs: [1, 2], loadAtStart: 1, loadAtEnd: 2, cpuMs: 10 };
    const second = { seconds: 2, ok: 1, statuses: new Map([[200, 1], [409, 1]]), latencyMs: [3, 4], loadAtStart: 3, loadAtEnd: 4, cpuMs: 20 };

    expect(joined(first, second)).toEqual({
      seconds: 3, ok: 3, statuses: new Map([[200, 3], [409, 1]]), latencyMs: [1, 2, 3, 4], loadAtStart: 1, loadAtEnd: 4, cpuMs: 30,
    });
  });
});
