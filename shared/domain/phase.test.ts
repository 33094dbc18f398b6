import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidTransitionError, StaleVersionError, ValidationError } from './errors';
import { PhasePatch, PhaseStatus, assertCanClose, patchPhase, phaseMoves, phaseStatusMachine, type Phase } from './phase';
import { zeroCounters, type ProgressCounters } from './progress';

const CREATED = '2026-01-10T09:00:00.000Z';
const NOW = '2026-06-30T17:00:00.000Z';

function phase(overrides: Partial<Phase> = {}): Phase {
  return {
    id: 'phase-2',
    consortiumId: 'conso',
    projectId: 'p-culture',
    order: 2,
    title: 'Pilot',
    plannedStart: '2026-01-01',
    plannedEnd: '2026-06-30',
    status: 'active',
    version: 4,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

function counters(counts: Partial<ProgressCounters['counts']>): ProgressCounters {
  const zero = zeroCounters();
  return { ...zero, counts: { ...zero.counts, ...counts } };
}

const allAccepted = counters({ accepted: 3 });

const STATUSES = PhaseStatus.options;

const ALLOWED: Record<PhaseStatus, PhaseStatus[]> = {
  planned: ['active'],
  active: ['planned', 'closed'],
  closed: ['active'],
};

describe('phaseStatusMachine', () => {
  it('allows exactly the transitions of the phase table for every pair of statuses', () => {
    const actual = Object.fromEntries(
      STATUSES.map((from) => [from, STATUSES.filter((to) => phaseStatusMachine.canMove(from, to))]),
    );

    expect(actual).toEqual(ALLOWED);
  });

  it('moves along every allowed pair and refuses every other pair', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const attempt = () => phaseStatusMachine.move(from, to);
        if (ALLOWED[from].includes(to)) expect(attempt(), `${from} -> ${to}`).toBe(to);
        else expect(attempt, `${from} -> ${to}`).toThrow(InvalidTransitionError);
      }
    }
  });

  it('names both statuses when refusing to close a planned phase', () => {
    const attempt = () => phaseStatusMachine.move('planned', 'closed');

    expect(attempt).toThrow('A phase cannot move from planned to closed (allowed from planned: active)');
  });
});

describe('assertCanClose', () => {
  it('lets a phase close when all its deliverables are accepted', () => {
    expect(() => assertCanClose(allAccepted)).not.toThrow();
  });

  it('lets a phase without deliverables close', () => {
    expect(() => assertCanClose(zeroCounters())).not.toThrow();
  });

  it('refuses with a ConflictError that counts the open deliverables by status', () => {
    const attempt = () => assertCanClose(counters({ accepted: 2, in_progress: 1, submitted: 2 }));

    expect(attempt).toThrow(ConflictError);
    expect(attempt).toThrow('The phase cannot close while deliverables are open: 1 in_progress, 2 submitted');
  });

  it.each(['planned', 'in_progress', 'submitted', 'changes_requested'] as const)(
    'refuses while one deliverable is %s',
    (status) => {
      const attempt = () => assertCanClose(counters({ accepted: 5, [status]: 1 }));

      expect(attempt).toThrow(`1 ${status}`);
    },
  );
});

describe('patchPhase', () => {
  it('closes an active phase whose deliverables are all accepted and stamps closedAt', () => {
    const changes = patchPhase(phase(), allAccepted, PhasePatch.parse({ version: 4, status: 'closed' }), NOW);

    expect(changes).toEqual({ status: 'closed', closedAt: NOW });
  });

  it('refuses to close a phase with an open deliverable', () => {
    const attempt = () =>
      patchPhase(phase(), counters({ accepted: 2, changes_requested: 1 }), { version: 4, status: 'closed' }, NOW);

    expect(attempt).toThrow(ConflictError);
    expect(attempt).toThrow('1 changes_requested');
  });

  it('refuses to close a planned phase through the machine, before looking at the gate', () => {
    const attempt = () => patchPhase(phase({ status: 'planned' }), allAccepted, { version: 4, status: 'closed' }, NOW);

    expect(attempt).toThrow(InvalidTransitionError);
  });

  it('reopens a closed phase without stamping closedAt', () => {
    const changes = patchPhase(
      phase({ status: 'closed', closedAt: CREATED }),
      counters({ planned: 4 }),
      { version: 4, status: 'active' },
      NOW,
    );

    expect(changes).toEqual({ status: 'active' });
  });

  it('ignores a status equal to the current one, even when the gate would refuse', () => {
    const changes = patchPhase(phase({ status: 'closed' }), counters({ planned: 1 }), { version: 4, status: 'closed' }, NOW);

    expect(changes).toEqual({});
  });

  it('passes other fields through without the version', () => {
    const changes = patchPhase(phase(), zeroCounters(), { version: 4, title: 'Pilot, extended', plannedEnd: '2026-07-31' }, NOW);

    expect(changes).toEqual({ title: 'Pilot, extended', plannedEnd: '2026-07-31' });
  });

  it('refuses an end date before the stored start date with a ValidationError on plannedEnd', () => {
    let caught: unknown;
    try {
      patchPhase(phase({ plannedStart: '2026-03-01' }), zeroCounters(), { version: 4, plannedEnd: '2026-02-28' }, NOW);
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues.map((issue) => issue.path)).toEqual(['plannedEnd']);
  });
});

describe('PhasePatch', () => {
  it('refuses a patch whose own dates are out of order', () => {
    const result = PhasePatch.safeParse({ version: 1, plannedStart: '2026-05-01', plannedEnd: '2026-04-30' });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['plannedEnd']);
  });

  it('refuses a patch without a version', () => {
    const result = PhasePatch.safeParse({ status: 'closed' });

    expect(result.success).toBe(false);
  });

  it('refuses an unknown status', () => {
    const result = PhasePatch.safeParse({ version: 1, status: 'done' });

    expect(result.success).toBe(false);
  });
});

describe('phaseMoves', () => {
  const three = [phase({ id: 'a', order: 1, version: 1 }), phase({ id: 'b', order: 2, version: 2 }), phase({ id: 'c', order: 3, version: 3 })];
  const listed = (...ids: string[]) => ({ phases: ids.map((id) => ({ id, version: three.find((p) => p.id === id)!.version })) });

  it('moves only the phases whose place changes, to 1, 2, 3 … as listed', () => {
    const moves = phaseMoves(three, listed('a', 'c', 'b'));

    expect(moves.map(({ phase: p, order }) => [p.id, order])).toEqual([['c', 2], ['b', 3]]);
  });

  it('refuses a list that leaves one out, names one twice or names a stranger', () => {
    expect(() => phaseMoves(three, listed('a', 'b'))).toThrow(ValidationError);
    expect(() => phaseMoves(three, listed('a', 'b', 'b'))).toThrow(ValidationError);
    expect(() => phaseMoves(three, { phases: [...listed('a', 'b').phases, { id: 'x', version: 1 }] })).toThrow(ValidationError);
  });

  it('refuses a version other than the one stored', () => {
    expect(() => phaseMoves(three, { phases: [{ id: 'c', version: 9 }, { id: 'a', version: 1 }, { id: 'b', version: 2 }] })).toThrow(StaleVersionError);
  });
});
