// Unit tests of the demo data: valid entities, and a schedule that always has work done, due soon and overdue.
import { describe, expect, it } from 'vitest';
import { calendarDateIn } from '../../shared/domain/clock';
import { Consortium } from '../../shared/domain/consortium';
import { Deliverable, DeliverableStatus, LogEntry } from '../../shared/domain/deliverable';
import { Funder } from '../../shared/domain/funder';
import { Member } from '../../shared/domain/member';
import { Phase } from '../../shared/domain/phase';
import { Project } from '../../shared/domain/project';
import { isDueSoon, isOverdue } from '../../shared/domain/schedule';
import { DEMO_CONSORTIUM_ID, DEMO_TIME_ZONE, buildDemo } from './demo-data';

// Ordinary days, month ends, a leap day, and `now` at the very first instant of the Roman day.
const days = [
  { today: '2026-11-23', now: '2026-11-23T10:00:00.000Z' },
  { today: '2027-02-28', now: '2027-02-27T23:00:00.000Z' },
  { today: '2028-02-29', now: '2028-02-29T18:45:00.000Z' },
  { today: '2026-07-31', now: '2026-07-30T22:00:00.000Z' },
  { today: '2026-05-01', now: '2026-05-01T08:00:00.000Z' },
];

const duplicates = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);

describe.each(days)('the demo built on $today', ({ today, now }) => {
  const demo = buildDemo(today, now);
  const cult = demo.deliverables.filter((d) => d.projectId === 'cultnetwork');
  const phaseOf = (projectId: string, phaseId: string) =>
    demo.phases.find((p) => p.projectId === projectId && p.id === phaseId)!;
  const inPhase = (phaseId: string) => cult.filter((d) => d.phaseId === phaseId);
  const logOf = (deliverableId: string) => demo.logEntries.filter((e) => e.deliverableId === deliverableId);

  it('is built for a now that falls on today in Rome', () => {
    expect(calendarDateIn(new Date(now), DEMO_TIME_ZONE)).toBe(today);
  });

  it('has entities that all parse with their schemas, unchanged', () => {
    expect(Consortium.parse(demo.consortium)).toEqual(demo.consortium);
    for (const member of demo.members) expect(Member.parse(member)).toEqual(member);
    for (const funder of demo.funders) expect(Funder.parse(funder)).toEqual(funder);
    for (const project of demo.projects) expect(Project.parse(project)).toEqual(project);
    for (const phase of demo.phases) expect(Phase.parse(phase)).toEqual(phase);
    for (const deliverable of demo.deliverables) expect(Deliverable.parse(deliverable)).toEqual(deliverable);
    for (const entry of demo.logEntries) expect(LogEntry.parse(entry)).toEqual(entry);
  });

  it('belongs entirely to the pantacon consortium in Rome time', () => {
    expect(demo.consortium).toMatchObject({ id: DEMO_CONSORTIUM_ID, timeZone: 'Europe/Rome', language: 'it' });
    const owned = [...demo.members, ...demo.funders, ...demo.projects, ...demo.phases, ...demo.deliverables];
    expect(owned.every((entity) => entity.consortiumId === DEMO_CONSORTIUM_ID)).toBe(true);
  });

  it('has unique ids and distinct organisation identifiers', () => {
    expect(duplicates(demo.members.map((m) => m.id))).toEqual([]);
    expect(duplicates(demo.funders.map((f) => f.id))).toEqual([]);
    expect(duplicates(demo.projects.map((p) => p.id))).toEqual([]);
    expect(duplicates(demo.phases.map((p) => `${p.projectId}/${p.id}`))).toEqual([]);
    expect(duplicates(demo.deliverables.map((d) => d.id))).toEqual([]);
    expect(duplicates(demo.logEntries.map((e) => e.id))).toEqual([]);
    const orgIds = [demo.consortium, ...demo.members, ...demo.funders].map((o) => o.orgId);
    expect(duplicates(orgIds)).toEqual([]);
    expect(orgIds.every((orgId) => /^IT-CF-\d{11}$/.test(orgId))).toBe(true);
  });

  it('has at least seven active members and one applicant', () => {
    const active = demo.members.filter((m) => m.status === 'active');
    expect(active.length).toBeGreaterThanOrEqual(7);
    expect(active.every((m) => m.joinedOn !== undefined && m.joinedOn < today)).toBe(true);
    expect(demo.members.filter((m) => m.status === 'applicant')).toHaveLength(1);
  });

  it('has projects of two funders, each naming a known funder and active members as partners', () => {
    expect(new Set(demo.projects.map((p) => p.funderId)).size).toBe(2);
    const activeIds = new Set(demo.members.filter((m) => m.status === 'active').map((m) => m.id));
    for (const project of demo.projects) {
      expect(demo.funders.map((f) => f.id)).toContain(project.funderId);
      expect(project.partners.every((p) => activeIds.has(p.memberId))).toBe(true);
      expect(project.partners.filter((p) => p.role === 'lead')).toHaveLength(1);
      const shares = project.partners.reduce((sum, p) => sum + p.budgetShareCents, 0);
      expect(shares).toBe(project.grantCents + project.cofinancingCents);
    }
  });

  it('runs cultnetwork for three years from the first of the month fifteen months ago', () => {
    const project = demo.projects.find((p) => p.id === 'cultnetwork')!;
    expect(project.startDate.endsWith('-01')).toBe(true);
    const monthsAgo =
      (Number(today.slice(0, 4)) - Number(project.startDate.slice(0, 4))) * 12 +
      (Number(today.slice(5, 7)) - Number(project.startDate.slice(5, 7)));
    expect(monthsAgo).toBe(15);
    const phases = demo.phases.filter((p) => p.projectId === 'cultnetwork').sort((a, b) => a.order - b.order);
    expect(phases.map((p) => [p.id, p.status])).toEqual([
      ['organisation', 'closed'],
      ['offer', 'active'],
      ['consolidation', 'planned'],
    ]);
    expect(phases[0]!.plannedStart).toBe(project.startDate);
    expect(phases[2]!.plannedEnd).toBe(project.endDate);
  });

  it('puts today within the planned dates of the second phase', () => {
    const offer = phaseOf('cultnetwork', 'offer');
    expect(offer.plannedStart <= today && today <= offer.plannedEnd).toBe(true);
  });

  it('has a closed first phase whose deliverables are all accepted before it closed', () => {
    const organisation = phaseOf('cultnetwork', 'organisation');
    expect(organisation.closedAt).toBeDefined();
    expect(Date.parse(organisation.closedAt!)).toBeLessThan(Date.parse(now));
    expect(inPhase('organisation').length).toBeGreaterThan(0);
    for (const d of inPhase('organisation')) {
      expect(d.status).toBe('accepted');
      expect(d.reportedPercent).toBe(100);
      expect(d.submittedAt).toBeDefined();
      expect(Date.parse(d.acceptedAt!)).toBeLessThan(Date.parse(organisation.closedAt!));
    }
  });

  it('gives cultnetwork at least twenty-four deliverables', () => {
    expect(cult.length).toBeGreaterThanOrEqual(24);
  });

  it('has every deliverable status in the second phase', () => {
    const statuses = new Set(inPhase('offer').map((d) => d.status));
    expect([...statuses].sort()).toEqual([...DeliverableStatus.options].sort());
  });

  it('has at least three overdue and three due-soon deliverables in the second phase', () => {
    expect(inPhase('offer').filter((d) => isOverdue(d, today)).length).toBeGreaterThanOrEqual(3);
    expect(inPhase('offer').filter((d) => isDueSoon(d, today)).length).toBeGreaterThanOrEqual(3);
  });

  it('leaves the third phase planned', () => {
    expect(inPhase('consolidation').length).toBeGreaterThan(0);
    expect(inPhase('consolidation').every((d) => d.status === 'planned')).toBe(true);
  });

  it('dates every deliverable within its phase and gives it to a partner of its project', () => {
    for (const d of demo.deliverables) {
      const phase = phaseOf(d.projectId, d.phaseId);
      expect(phase, `${d.id} names phase ${d.phaseId}`).toBeDefined();
      expect(d.dueDate >= phase.plannedStart && d.dueDate <= phase.plannedEnd, `${d.id} due ${d.dueDate}`).toBe(true);
      const project = demo.projects.find((p) => p.id === d.projectId)!;
      expect(project.partners.map((p) => p.memberId), d.id).toContain(d.ownerMemberId);
    }
  });

  it('reports for each deliverable the percent of its latest progress entry, 100 once accepted', () => {
    for (const d of demo.deliverables) {
      const progress = logOf(d.id).filter((e) => e.type === 'progress');
      const expected = d.status === 'accepted' ? 100 : (progress.at(-1)?.percent ?? 0);
      expect(d.reportedPercent, d.id).toBe(expected);
      expect(progress.at(-1)?.percent ?? 0, d.id).toBe(d.reportedPercent);
      const percents = progress.map((e) => e.percent!);
      expect(percents, d.id).toEqual([...percents].sort((a, b) => a - b));
      expect(new Set(percents).size, d.id).toBe(percents.length);
    }
  });

  it('keeps every log in order, before now, and ending as the status says', () => {
    const lastEntryType: Record<DeliverableStatus, string | undefined> = {
      planned: undefined,
      in_progress: 'progress',
      submitted: 'submission',
      changes_requested: 'review',
      accepted: 'review',
    };
    for (const d of demo.deliverables) {
      const log = logOf(d.id);
      const instants = log.map((e) => Date.parse(e.at));
      expect(instants, d.id).toEqual([...instants].sort((a, b) => a - b));
      expect(new Set(instants).size, d.id).toBe(instants.length);
      expect(instants.every((t) => t < Date.parse(now)), d.id).toBe(true);
      expect(log.at(-1)?.type, d.id).toBe(lastEntryType[d.status]);
      if (d.status === 'accepted' || d.status === 'changes_requested') {
        expect(log.at(-1)?.decision, d.id).toBe(d.status);
      }
      expect(d.submittedAt, d.id).toBe(log.filter((e) => e.type === 'submission').at(-1)?.at);
      expect(d.acceptedAt, d.id).toBe(log.find((e) => e.decision === 'accepted')?.at);
      expect(log.filter((e) => e.type === 'review').every((e) => e.decision !== undefined && e.note.length > 0)).toBe(true);
      if (d.status !== 'planned') expect(log.some((e) => e.evidence.length > 0), d.id).toBe(true);
    }
  });

  it('stamps every entity no later than now', () => {
    const stamped = [demo.consortium, ...demo.members, ...demo.funders, ...demo.projects, ...demo.phases, ...demo.deliverables];
    for (const entity of stamped) {
      expect(entity.version).toBe(1);
      expect(Date.parse(entity.createdAt)).toBeLessThanOrEqual(Date.parse(entity.updatedAt));
      expect(Date.parse(entity.updatedAt)).toBeLessThanOrEqual(Date.parse(now));
    }
  });

  it('gives the second funder a smaller project with its own deliverables', () => {
    const museilab = demo.deliverables.filter((d) => d.projectId === 'museilab');
    expect(museilab.length).toBeGreaterThanOrEqual(3);
    expect(museilab.length).toBeLessThanOrEqual(5);
    expect(demo.projects.find((p) => p.id === 'museilab')?.funderId).toBe('fondo-regionale');
  });
});

describe('buildDemo', () => {
  it('gives the same demo for the same day and instant', () => {
    expect(buildDemo('2026-11-23', '2026-11-23T10:00:00.000Z')).toEqual(buildDemo('2026-11-23', '2026-11-23T10:00:00.000Z'));
  });

  it('moves the whole schedule with today', () => {
    const earlier = buildDemo('2026-11-23', '2026-11-23T10:00:00.000Z');
    const later = buildDemo('2027-11-23', '2027-11-23T10:00:00.000Z');
    expect(later.projects[0]!.startDate).toBe('2026-08-01');
    expect(earlier.projects[0]!.startDate).toBe('2025-08-01');
  });
});
