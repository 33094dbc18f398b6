import { describe, expect, it } from 'vitest';
import {
  AttendanceInput,
  SessionCreate,
  attendanceContribution,
  attendanceIssues,
  attendanceSeenBy,
  deltaOf,
  participation,
  patchSession,
  recountTraining,
  sessionContribution,
  sessionStatusMachine,
  trainingSummary,
  type Session,
} from './training';

const session = (fields: Partial<Session> = {}): Session => ({
  id: 's1', consortiumId: 'c', trainingId: 't', date: '2026-05-10', hours: 4, trainer: 'Anna', online: true,
  status: 'planned', version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...fields,
});

describe('training sessions', () => {
  it('go from planned to held or cancelled, and a cancelled one may be planned again', () => {
    expect(sessionStatusMachine.canMove('planned', 'held')).toBe(true);
    expect(sessionStatusMachine.canMove('cancelled', 'planned')).toBe(true);
    expect(() => sessionStatusMachine.move('held', 'planned')).toThrow(/from held to planned/);
    expect(() => sessionStatusMachine.move('cancelled', 'held')).toThrow(/cancelled to held/);
  });

  it('cannot be held before their date, nor change date or hours once held', () => {
    expect(() => patchSession(session(), { version: 1, status: 'held' }, '2026-05-09')).toThrow(/cannot be held before/);
    expect(patchSession(session(), { version: 1, status: 'held' }, '2026-05-10')).toEqual({ status: 'held' });
    expect(() => patchSession(session({ status: 'held' }), { version: 1, hours: 3 }, '2026-06-01')).toThrow(/keeps its date and hours/);
    expect(patchSession(session({ status: 'held' }), { version: 1, trainer: 'Bruno' }, '2026-06-01')).toEqual({ trainer: 'Bruno' });
  });

  it('need a place unless online, and hours in positive quarter hours', () => {
    const place = SessionCreate.safeParse({ date: '2026-05-10', hours: 2, trainer: 'Anna' });
    expect(place.success || place.error.issues.map((i) => i.path.join('.'))).toEqual(['place']);
    expect(SessionCreate.safeParse({ date: '2026-05-10', hours: -2, trainer: 'Anna', online: true }).success).toBe(false);
    expect(SessionCreate.safeParse({ date: '2026-05-10', hours: 2.3, trainer: 'Anna', online: true }).success).toBe(false);
    expect(SessionCreate.safeParse({ date: '2026-05-10', hours: 2.25, trainer: 'Anna', online: true }).success).toBe(true);
  });
});

describe('attendance', () => {
  it('is recorded for held sessions only, for at most their hours', () => {
    expect(() => attendanceIssues(session(), { hours: 2 })).toThrow(/held sessions/);
    expect(attendanceIssues(session({ status: 'held' }), { hours: 5 })).toEqual([expect.objectContaining({ path: 'hours' })]);
    expect(attendanceIssues(session({ status: 'held' }), { hours: 4 })).toEqual([]);
  });

  it('refuses negative hours and zero people, naming the field', () => {
    const parsed = AttendanceInput.safeParse({ people: 0, hours: -1 });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'))).toEqual(['people', 'hours']);
  });

  it('takes trimmed names of at most as many people as attended, each once', () => {
    const issues = (attendees: string[], people = 2) => {
      const parsed = AttendanceInput.safeParse({ people, hours: 1, attendees });
      return parsed.success ? parsed.data.attendees : parsed.error.issues.map((i) => i.path.join('.'));
    };
    expect(issues([' Lucia Bassi ', 'Marco Po'])).toEqual(['Lucia Bassi', 'Marco Po']);
    expect(issues(['A', 'B', 'C'])).toEqual(['attendees']);
    expect(issues(['Lucia', 'LUCIA'])).toEqual(['attendees.1']);
    expect(issues([''])).toEqual(['attendees.0']);
  });

  it("shows another member's record without the names", () => {
    const record = { consortiumId: 'c', trainingId: 't', sessionId: 's', memberId: 'alfa', people: 1, hours: 1, attendees: ['Lucia Bassi'], recordedBy: 'p', version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
    expect(attendanceSeenBy(record, { role: 'member', memberId: 'alfa' }).attendees).toEqual(['Lucia Bassi']);
    expect(attendanceSeenBy(record, { role: 'coordinator' }).attendees).toEqual(['Lucia Bassi']);
    expect(attendanceSeenBy(record, { role: 'member', memberId: 'beta' })).not.toHaveProperty('attendees');
  });
});

describe('training totals', () => {
  it('move by the difference between the states before and after a write', () => {
    expect(deltaOf(session(), session({ status: 'held' }), sessionContribution)).toEqual({ sessionsPlanned: -1, sessionsHeld: 1, hoursDelivered: 4 });
    expect(deltaOf(undefined, { people: 3, hours: 2 }, attendanceContribution)).toEqual({
      attendances: 1, sessionsAttended: 1, participants: 3, hoursAttended: 2, personHours: 6,
    });
    expect(deltaOf({ people: 3, hours: 2 }, { people: 2, hours: 2 }, attendanceContribution)).toEqual({ participants: -1, personHours: -2 });
    expect(deltaOf({ people: 3, hours: 2 }, undefined, attendanceContribution)).toMatchObject({ attendances: -1, personHours: -6 });
  });

  it('recount sessions held, hours, participants, person-hours and distinct members', () => {
    const totals = recountTraining(
      [session({ status: 'held', hours: 4 }), session({ status: 'held', hours: 2.5 }), session(), session({ status: 'cancelled' })],
      [{ memberId: 'a', people: 2, hours: 4 }, { memberId: 'b', people: 1, hours: 3 }, { memberId: 'a', people: 1, hours: 2.5 }],
    );
    expect(totals).toEqual({
      sessions: 4, sessionsPlanned: 1, sessionsHeld: 2, sessionsCancelled: 1, hoursDelivered: 6.5,
      attendances: 3, participants: 4, personHours: 13.5, membersTakingPart: 2,
    });
  });

  it('name the members that have not taken part yet', () => {
    const tallies = [{ memberId: 'a', sessionsAttended: 2, participants: 3, hoursAttended: 6, personHours: 9 }];
    const report = participation(['a', 'b'], tallies);
    expect(report.membersNotYetTakingPart).toEqual(['b']);
    expect(report.members[1]).toEqual({ memberId: 'b', sessionsAttended: 0, participants: 0, hoursAttended: 0, personHours: 0 });
    const summary = trainingSummary({ ...recountTraining([], []), paths: 1 }, ['a'], ['a', 'b', 'c']);
    expect(summary).toMatchObject({ paths: 1, membersNotYetTakingPart: ['b', 'c'] });
  });
});
