import { describe, expect, it } from 'vitest';
import type { Deliverable } from './deliverable';
import { deliverableView } from './deliverable-view';
import type { Access } from './person';

const deliverable = (status: Deliverable['status'], dueDate: string): Deliverable => ({
  id: 'd1', consortiumId: 'c', projectId: 'p', phaseId: 'ph', ownerMemberId: 'owner', title: 'Catalogue', kind: 'product',
  dueDate, weight: 1, status, reportedPercent: 0, version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
} as Deliverable);

const coordinator: Access = { personId: 'a', consortiumId: 'c', role: 'coordinator' };
const owner: Access = { personId: 'b', consortiumId: 'c', role: 'member', memberId: 'owner' };
const otherPartner: Access = { personId: 'c', consortiumId: 'c', role: 'member', memberId: 'other' };
const funder: Access = { personId: 'd', consortiumId: 'c', role: 'funder', funderId: 'f' };
const today = '2026-06-15';

describe('a deliverable as the API answers it', () => {
  it('is overdue when open and due before today, due soon when due within 14 days, neither otherwise', () => {
    expect(deliverableView(deliverable('in_progress', '2026-06-14'), today, owner).deadline).toBe('overdue');
    expect(deliverableView(deliverable('accepted', '2026-06-14'), today, owner).deadline).toBeNull();
    expect(deliverableView(deliverable('planned', '2026-06-15'), today, owner).deadline).toBe('due_soon');
    expect(deliverableView(deliverable('planned', '2026-06-29'), today, owner).deadline).toBe('due_soon');
    expect(deliverableView(deliverable('planned', '2026-06-30'), today, owner).deadline).toBeNull();
  });

  it("lets its owner and coordinators log and submit open work, and only coordinators review a submitted one", () => {
    expect(deliverableView(deliverable('in_progress', today), today, owner).actions).toEqual(['log', 'submit']);
    expect(deliverableView(deliverable('changes_requested', today), today, coordinator).actions).toEqual(['log', 'submit']);
    expect(deliverableView(deliverable('submitted', today), today, coordinator).actions).toEqual(['review']);
    expect(deliverableView(deliverable('submitted', today), today, owner).actions).toEqual([]);
    expect(deliverableView(deliverable('accepted', today), today, coordinator).actions).toEqual([]);
  });

  it('lets another partner and a funder do nothing', () => {
    expect(deliverableView(deliverable('in_progress', today), today, otherPartner).actions).toEqual([]);
    expect(deliverableView(deliverable('submitted', today), today, funder).actions).toEqual([]);
  });
});
