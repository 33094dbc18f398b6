import { describe, expect, it } from 'vitest';
import { contributionDelta, newContribution, reverseContribution } from './cofinancing';
import { PaymentRequestCreate, instalmentStatus, newInstalment, patchInstalment } from './payment';

const ids = { id: 'i1', consortiumId: 'conso', projectId: 'p1' };
const NOW = '2026-03-02T10:00:00.000Z';

describe('instalments', () => {
  const instalment = newInstalment({ order: 1, plannedDate: '2026-06-30', amountCents: 1_000, condition: '' }, ids, NOW);

  it('are planned until requested, requested until what was asked for is received', () => {
    expect(instalmentStatus(instalment)).toBe('planned');
    expect(instalmentStatus({ ...instalment, requestedCents: 1_000 })).toBe('requested');
    expect(instalmentStatus({ ...instalment, requestedCents: 1_000, receivedCents: 600 })).toBe('requested');
    expect(instalmentStatus({ ...instalment, requestedCents: 1_000, receivedCents: 1_000 })).toBe('received');
  });

  it('are received, not requested, when a request for less than the plan is paid', () => {
    expect(instalmentStatus({ ...instalment, requestedCents: 600, receivedCents: 600 })).toBe('received');
    expect(instalmentStatus({ ...instalment, requestedCents: 900, receivedCents: 600 })).toBe('requested');
  });

  it('change their plan only until requested', () => {
    expect(patchInstalment(instalment, { version: 1, amountCents: 2_000 }, NOW).amountCents).toBe(2_000);
    expect(() => patchInstalment({ ...instalment, requestedCents: 1 }, { version: 1, amountCents: 2_000 }, NOW)).toThrow(/requested instalment/);
  });
});

describe('a payment request', () => {
  it('lists each cost once', () => {
    const result = PaymentRequestCreate.safeParse({ instalmentId: 'i1', amountCents: 5, costIds: ['c1', 'c1'] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['costIds']);
  });
});

describe('co-financing contributions', () => {
  const actor = { personId: 'person-coordinator', at: NOW };
  const contribution = newContribution(
    { memberId: 'alfa', kind: 'in_kind', providedBy: 'Comune', description: 'Sala', date: '2026-02-01', valueCents: 400 },
    ids,
    actor,
  );

  it('count as money or in kind', () => {
    expect(contributionDelta(contribution)).toEqual({ cofinancingInKindCents: 400 });
    expect(contributionDelta({ ...contribution, kind: 'money' })).toEqual({ cofinancingMoneyCents: 400 });
  });

  it('are taken back by a reversal that counts negative, once', () => {
    const { original, reversal } = reverseContribution(contribution, { version: 1, reason: 'Wrong value' }, { id: 'i1-r', today: '2026-03-02' }, actor);
    expect(original.reversedBy).toBe('i1-r');
    expect(reversal).toMatchObject({ entry: 'reversal', reversesContributionId: 'i1', valueCents: 400 });
    expect(contributionDelta(reversal)).toEqual({ cofinancingInKindCents: -400 });
    expect(() => reverseContribution(original, { version: 2, reason: 'x' }, { id: 'z', today: '2026-03-02' }, actor)).toThrow(/already reversed/);
  });
});
