import { describe, expect, it } from 'vitest';
import { DeliverableStatus } from './deliverable';
import {
  addCounters,
  contributionOf,
  counterDeltas,
  isZero,
  progressOf,
  recount,
  zeroCounters,
  type ProgressCounters,
} from './progress';

type Placed = { phaseId: string; status: DeliverableStatus; weight: number; reportedPercent: number };

function placed(overrides: Partial<Placed> = {}): Placed {
  return { phaseId: 'phase-1', status: 'planned', weight: 1, reportedPercent: 0, ...overrides };
}

function counters(
  counts: Partial<ProgressCounters['counts']>,
  totals: Partial<Omit<ProgressCounters, 'counts'>> = {},
): ProgressCounters {
  const zero = zeroCounters();
  return { ...zero, ...totals, counts: { ...zero.counts, ...counts } };
}

function sum(deltas: Iterable<ProgressCounters>): ProgressCounters {
  let total = zeroCounters();
  for (const delta of deltas) total = addCounters(total, delta);
  return total;
}

describe('contributionOf', () => {
  it('counts one deliverable in its status with its weight and weighted reported percent', () => {
    const contribution = contributionOf({ status: 'in_progress', weight: 3, reportedPercent: 40 });

    expect(contribution).toEqual(counters({ in_progress: 1 }, { weightTotal: 3, weightAccepted: 0, reportedWeighted: 120 }));
  });

  it('adds the weight to the accepted weight only for an accepted deliverable', () => {
    const contribution = contributionOf({ status: 'accepted', weight: 2, reportedPercent: 100 });

    expect(contribution).toEqual(counters({ accepted: 1 }, { weightTotal: 2, weightAccepted: 2, reportedWeighted: 200 }));
  });
});

describe('counterDeltas', () => {
  it('adds the whole contribution to the phase of a new deliverable', () => {
    const after = placed({ weight: 2 });

    const deltas = counterDeltas(undefined, after);

    expect([...deltas]).toEqual([['phase-1', contributionOf(after)]]);
  });

  it('moves one count from the old status to the new one on a status change', () => {
    const before = placed({ status: 'submitted', weight: 2, reportedPercent: 90 });
    const after = { ...before, status: 'accepted' as const, reportedPercent: 100 };

    const deltas = counterDeltas(before, after);

    expect([...deltas]).toEqual([
      ['phase-1', counters({ submitted: -1, accepted: 1 }, { weightTotal: 0, weightAccepted: 2, reportedWeighted: 20 })],
    ]);
  });

  it('changes only the weights on a weight change', () => {
    const before = placed({ status: 'in_progress', weight: 1, reportedPercent: 50 });
    const after = { ...before, weight: 4 };

    const deltas = counterDeltas(before, after);

    expect([...deltas]).toEqual([
      ['phase-1', counters({}, { weightTotal: 3, weightAccepted: 0, reportedWeighted: 150 })],
    ]);
  });

  it('changes the accepted weight when an accepted deliverable is reweighted', () => {
    const before = placed({ status: 'accepted', weight: 5, reportedPercent: 100 });

    const deltas = counterDeltas(before, { ...before, weight: 2 });

    expect(deltas.get('phase-1')).toEqual(counters({}, { weightTotal: -3, weightAccepted: -3, reportedWeighted: -300 }));
  });

  it('touches two phases on a move, taking from the old one what it gives to the new one', () => {
    const before = placed({ phaseId: 'phase-1', status: 'in_progress', weight: 2, reportedPercent: 30 });
    const after = { ...before, phaseId: 'phase-2' };

    const deltas = counterDeltas(before, after);

    expect(new Set(deltas.keys())).toEqual(new Set(['phase-1', 'phase-2']));
    expect(deltas.get('phase-1')).toEqual(addCounters(zeroCounters(), contributionOf(before), -1));
    expect(deltas.get('phase-2')).toEqual(contributionOf(after));
  });

  it('sums, over the phases of a plain move, to no change for the project', () => {
    const before = placed({ phaseId: 'phase-1', status: 'submitted', weight: 3, reportedPercent: 70 });

    const deltas = counterDeltas(before, { ...before, phaseId: 'phase-3' });

    expect(isZero(sum(deltas.values()))).toBe(true);
  });

  it('sums, over the phases of a move with a status change, to the project-wide difference', () => {
    const before = placed({ phaseId: 'phase-1', status: 'submitted', weight: 3, reportedPercent: 70 });
    const after = placed({ phaseId: 'phase-2', status: 'accepted', weight: 1, reportedPercent: 100 });

    const deltas = counterDeltas(before, after);

    expect(sum(deltas.values())).toEqual(addCounters(contributionOf(after), contributionOf(before), -1));
  });

  it('gives an empty map when nothing counted changes', () => {
    const before = placed({ status: 'in_progress', weight: 2, reportedPercent: 10 });

    const deltas = counterDeltas(before, { ...before });

    expect(deltas.size).toBe(0);
  });
});

describe('progressOf', () => {
  it('gives 0 % for a phase without deliverables', () => {
    const progress = progressOf(zeroCounters());

    expect(progress).toEqual({
      deliverables: 0,
      counts: zeroCounters().counts,
      acceptedPercent: 0,
      reportedPercent: 0,
      acceptedOnTime: 0,
    });
  });

  it('weighs accepted deliverables by their weight, not by their number', () => {
    const progress = progressOf(
      recount([
        { status: 'accepted', weight: 3, reportedPercent: 100 },
        { status: 'planned', weight: 1, reportedPercent: 0 },
      ]),
    );

    expect(progress.deliverables).toBe(2);
    expect(progress.acceptedPercent).toBe(75);
    expect(progress.reportedPercent).toBe(75);
  });

  it('shows the weighted mean of reported percentages beside the accepted share', () => {
    const progress = progressOf(
      recount([
        { status: 'in_progress', weight: 1, reportedPercent: 50 },
        { status: 'submitted', weight: 3, reportedPercent: 90 },
      ]),
    );

    expect(progress.acceptedPercent).toBe(0);
    expect(progress.reportedPercent).toBe(80);
  });

  it('rounds percentages to one decimal', () => {
    const progress = progressOf(counters({ accepted: 1, planned: 2 }, { weightTotal: 3, weightAccepted: 1, reportedWeighted: 200 }));

    expect(progress.acceptedPercent).toBe(33.3);
    expect(progress.reportedPercent).toBe(66.7);
  });

  it('rounds a half up at the first decimal', () => {
    const progress = progressOf(counters({ accepted: 1, planned: 15 }, { weightTotal: 16, weightAccepted: 1, reportedWeighted: 0 }));

    expect(progress.acceptedPercent).toBe(6.3);
  });

  it('gives 100 % when everything is accepted', () => {
    const progress = progressOf(recount([{ status: 'accepted', weight: 7, reportedPercent: 100 }]));

    expect(progress.acceptedPercent).toBe(100);
    expect(progress.reportedPercent).toBe(100);
  });

  it('copies the counts rather than sharing them', () => {
    const source = counters({ planned: 2 }, { weightTotal: 2 });

    const progress = progressOf(source);
    progress.counts.planned = 99;

    expect(source.counts.planned).toBe(2);
  });
});

describe('counter deltas against a recount (seeded random walk)', () => {
  /** A tiny linear congruential generator (Numerical Recipes constants): deterministic, no dependency. */
  function lcg(seed: number) {
    let state = seed >>> 0;
    const next = () => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    };
    return {
      int: (below: number) => Math.floor(next() * below),
      pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    };
  }

  const PHASES = ['phase-1', 'phase-2', 'phase-3', 'phase-4'] as const;
  const NEXT: Record<DeliverableStatus, DeliverableStatus[]> = {
    planned: ['in_progress', 'submitted'],
    in_progress: ['submitted'],
    submitted: ['accepted', 'changes_requested'],
    changes_requested: ['in_progress', 'submitted'],
    accepted: [],
  };

  function change(random: ReturnType<typeof lcg>, before: Placed): Placed {
    switch (random.int(5)) {
      case 0: {
        const options = NEXT[before.status];
        if (options.length === 0) return { ...before };
        const status = random.pick(options);
        return { ...before, status, reportedPercent: status === 'accepted' ? 100 : before.reportedPercent };
      }
      case 1:
        return { ...before, weight: 1 + random.int(100) };
      case 2:
        return { ...before, phaseId: random.pick(PHASES) };
      case 3:
        return { ...before, reportedPercent: random.int(101) };
      default:
        return {
          phaseId: random.pick(PHASES),
          status: random.pick(DeliverableStatus.options),
          weight: 1 + random.int(100),
          reportedPercent: random.int(101),
        };
    }
  }

  function walk(seed: number, steps: number) {
    const random = lcg(seed);
    const deliverables: Placed[] = [];
    const stored = new Map<string, ProgressCounters>();
    for (let step = 0; step < steps; step++) {
      const creating = deliverables.length === 0 || random.int(6) === 0;
      const index = creating ? deliverables.length : random.int(deliverables.length);
      const before = creating ? undefined : deliverables[index];
      const after = before
        ? change(random, before)
        : placed({ phaseId: random.pick(PHASES), weight: 1 + random.int(10) });
      for (const [phaseId, delta] of counterDeltas(before, after)) {
        stored.set(phaseId, addCounters(stored.get(phaseId) ?? zeroCounters(), delta));
      }
      deliverables[index] = after;
    }
    return { deliverables, stored };
  }

  it.each([1, 42, 2026, 0xdecaf])('keeps every phase counter equal to a recount after 2000 changes (seed %i)', (seed) => {
    const { deliverables, stored } = walk(seed, 2000);

    for (const phaseId of PHASES) {
      const expected = recount(deliverables.filter((d) => d.phaseId === phaseId));
      expect(stored.get(phaseId) ?? zeroCounters(), phaseId).toEqual(expected);
    }
  });

  it('keeps the sum over phases equal to a recount of the whole project', () => {
    const { deliverables, stored } = walk(7, 2000);

    const project = sum(stored.values());

    expect(project).toEqual(recount(deliverables));
  });

  it('exercises creations, accepted deliverables and every phase (the walk is not trivial)', () => {
    const { deliverables } = walk(42, 2000);

    expect(deliverables.length).toBeGreaterThan(100);
    expect(deliverables.some((d) => d.status === 'accepted')).toBe(true);
    expect(new Set(deliverables.map((d) => d.phaseId))).toEqual(new Set(PHASES));
  });
});

describe('deliverables accepted on time', () => {
  const accepted = { status: 'accepted' as const, weight: 1, reportedPercent: 100, dueDate: '2026-06-30' };

  it('count those submitted on or before the due date, and not late or unaccepted ones', () => {
    expect(contributionOf({ ...accepted, submittedOn: '2026-06-30' }).acceptedOnTime).toBe(1);
    expect(contributionOf({ ...accepted, submittedOn: '2026-07-01' }).acceptedOnTime).toBe(0);
    expect(contributionOf({ ...accepted, status: 'submitted', submittedOn: '2026-06-01' }).acceptedOnTime).toBe(0);
    expect(contributionOf({ ...accepted }).acceptedOnTime).toBe(0);
  });

  it('move with acceptance in the counter deltas', () => {
    const before = { ...accepted, status: 'submitted' as const, submittedOn: '2026-06-01', phaseId: 'p1' };
    const deltas = counterDeltas(before, { ...before, status: 'accepted' });
    expect(deltas.get('p1')?.acceptedOnTime).toBe(1);
  });
});
