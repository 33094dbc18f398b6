import { describe, expect, it } from 'vitest';
import type { Phase } from './phase';
import { phaseActions } from './phase-view';
import type { Access } from './person';
import { zeroCounters, type ProgressCounters } from './progress';

const phase = (status: Phase['status']) => ({ status }) as Phase;
const counters = (counts: Partial<ProgressCounters['counts']>): ProgressCounters => {
  const zero = zeroCounters();
  return { ...zero, counts: { ...zero.counts, ...counts } };
};
const coordinator: Access = { personId: 'a', consortiumId: 'c', role: 'coordinator' };
const member: Access = { personId: 'b', consortiumId: 'c', role: 'member', memberId: 'm' };

describe("a phase's actions", () => {
  it('follow its status and its gate, for coordinators only', () => {
    expect(phaseActions(phase('planned'), counters({}), coordinator)).toEqual(['start']);
    expect(phaseActions(phase('active'), counters({ accepted: 3, submitted: 1 }), coordinator)).toEqual([]);
    expect(phaseActions(phase('active'), counters({ accepted: 3 }), coordinator)).toEqual(['close']);
    expect(phaseActions(phase('closed'), counters({ accepted: 3 }), coordinator)).toEqual(['reopen']);
    expect(phaseActions(phase('planned'), counters({}), member)).toEqual([]);
  });
});
