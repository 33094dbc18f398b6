import { describe, expect, it } from 'vitest';
import type { Cost } from './cost';
import { costActions } from './cost-view';
import type { Access } from './person';

const cost = (fields: Partial<Cost>): Cost => ({
  id: 'c1', consortiumId: 'c', projectId: 'p', budgetLineId: 'l', memberId: 'alfa', kind: 'cost', date: '2026-10-15',
  description: 'Consulenza', supplier: 'Studio Rossi', amountCents: 100, vatCents: 0, documents: [], status: 'draft',
  reportedBy: 'alfa-person', version: 1, createdAt: '2026-10-15T00:00:00Z', updatedAt: '2026-10-15T00:00:00Z', ...fields,
} as Cost);

const alfa: Access = { personId: 'alfa-person', consortiumId: 'c', role: 'member', memberId: 'alfa' };
const beta: Access = { personId: 'beta-person', consortiumId: 'c', role: 'member', memberId: 'beta' };
const coordinator: Access = { personId: 'anna', consortiumId: 'c', role: 'coordinator' };

describe("a cost's actions", () => {
  it('let its own member and coordinators change and submit a draft or a rejected cost', () => {
    expect(costActions(cost({ status: 'draft' }), alfa)).toEqual(['update', 'submit']);
    expect(costActions(cost({ status: 'rejected' }), coordinator)).toEqual(['update', 'submit']);
    expect(costActions(cost({ status: 'draft' }), beta)).toEqual([]);
  });

  it('let a coordinator review a submitted cost unless they reported or submitted it', () => {
    expect(costActions(cost({ status: 'submitted', submittedBy: 'alfa-person' }), coordinator)).toEqual(['review']);
    expect(costActions(cost({ status: 'submitted', submittedBy: 'anna' }), coordinator)).toEqual([]);
    expect(costActions(cost({ status: 'submitted', reportedBy: 'anna' }), coordinator)).toEqual([]);
  });

  it('let coordinators reverse an approved cost once, and never a reversal', () => {
    expect(costActions(cost({ status: 'approved' }), coordinator)).toEqual(['reverse']);
    expect(costActions(cost({ status: 'approved', reversedBy: 'c2' }), coordinator)).toEqual([]);
    expect(costActions(cost({ status: 'approved', kind: 'reversal' }), coordinator)).toEqual([]);
    expect(costActions(cost({ status: 'approved' }), alfa)).toEqual([]);
  });
});
