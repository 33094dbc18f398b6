import { describe, expect, it } from 'vitest';
import type { Phase } from './phase';
import type { Project } from './project';
import { copyPlan, type SourcePlan } from './project-copy';
import type { Session, TrainingPath } from './training';

const stamp = { version: 4, createdAt: '2020-01-01T00:00:00Z', updatedAt: '2021-01-01T00:00:00Z' };
const project = {
  id: 'old', consortiumId: 'c', title: 'Old', funderId: 'f', call: 'Call', grantCents: 100, cofinancingCents: 0,
  startDate: '2024-01-01', endDate: '2026-12-31', objectives: [], partners: [], currency: 'EUR', ...stamp,
} as Project;
const phase: Phase = { id: 'p1', consortiumId: 'c', projectId: 'old', order: 1, title: 'One', plannedStart: '2024-01-01', plannedEnd: '2024-12-31', status: 'closed', closedAt: '2025-01-02T00:00:00Z', ...stamp };
const path: TrainingPath = { id: 'fund', consortiumId: 'c', topic: 'fundraising', title: 'Fund raising', projectId: 'old', ...stamp };
const session = (id: string, status: Session['status']): Session => ({ id, consortiumId: 'c', trainingId: 'fund', date: '2024-03-01', hours: 3, trainer: 'T', online: true, status, ...stamp });
const source: SourcePlan = { project, phases: [phase], deliverables: [], budgetLines: [], indicators: [], training: [{ path, sessions: [session('s1', 'held'), session('s2', 'cancelled')] }] };

describe('copyPlan', () => {
  const plan = copyPlan(source, { id: 'new', title: 'New', startDate: '2027-01-11', funderId: 'g' }, '2026-12-01T10:00:00Z', (id) => `${id}-x`);

  it('moves every date by the new start date minus the old one', () => {
    expect(plan.project).toMatchObject({ id: 'new', title: 'New', funderId: 'g', startDate: '2027-01-11', endDate: '2030-01-10' });
    expect(plan.phases[0]).toMatchObject({ plannedStart: '2027-01-11', plannedEnd: '2028-01-11' });
    expect(plan.training[0]!.sessions.map((s) => s.date)).toEqual(['2027-03-12']);
  });

  it('starts the new plan afresh: phases planned and open, held sessions planned again, cancelled ones left out', () => {
    expect(plan.phases[0]).toMatchObject({ projectId: 'new', status: 'planned', version: 1, createdAt: '2026-12-01T10:00:00Z' });
    expect(plan.phases[0]).not.toHaveProperty('closedAt');
    expect(plan.training[0]!.path).toMatchObject({ id: 'fund-x', projectId: 'new' });
    expect(plan.training[0]!.sessions).toEqual([expect.objectContaining({ id: 's1', trainingId: 'fund-x', status: 'planned' })]);
  });
});
