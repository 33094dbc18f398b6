// Training paths for the consortium's members: sessions, attendance per member, and their totals.
// Totals are kept as counters (changed by the deltas below in each write), never summed at read time.
import { z } from 'zod';
import { Audited, CalendarDate, Id, Text, Title, Version, patchOf } from './common';
import { ConflictError, ValidationError, type FieldIssue } from './errors';
import type { Access } from './person';
import { defineStatusMachine } from './status-machine';

export const TrainingTopic = z.enum(['fundraising', 'marketing', 'communication', 'management', 'other']);
export type TrainingTopic = z.infer<typeof TrainingTopic>;

/** Hours come in quarter hours, so that every sum of them stays exact. */
export const Hours = z.number().positive().max(24).multipleOf(0.25).meta({ description: 'Hours, in quarter hours', example: 3.5 });

/** At most this many sessions per path (the path's `sessions` counter guards it). */
export const MAX_SESSIONS_PER_PATH = 100;

const pathFields = {
  topic: TrainingTopic,
  title: Title,
  description: Text.optional(),
};

export const TrainingPath = z
  .object({
    id: Id,
    consortiumId: Id,
    ...pathFields,
    projectId: Id.optional().meta({ description: 'The project the path belongs to, if any (fixed at creation)' }),
    phaseId: Id.optional().meta({ description: "A phase of that project, if any" }),
    ...Audited,
  })
  .meta({ id: 'TrainingPath' });
export type TrainingPath = z.infer<typeof TrainingPath>;

export const TrainingPathCreate = z
  .strictObject({ ...pathFields, projectId: Id.optional(), phaseId: Id.optional() })
  .refine((path) => !path.phaseId || path.projectId, { path: ['phaseId'], message: 'needs a projectId' })
  .meta({ id: 'TrainingPathCreate' });
export type TrainingPathCreate = z.infer<typeof TrainingPathCreate>;

export const TrainingPathPatch = patchOf({ ...pathFields, phaseId: Id }).meta({ id: 'TrainingPathPatch' });
export type TrainingPathPatch = z.infer<typeof TrainingPathPatch>;

export const SessionStatus = z.enum(['planned', 'held', 'cancelled']);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const sessionStatusMachine = defineStatusMachine<SessionStatus>('training session', {
  planned: ['held', 'cancelled'],
  held: [],
  cancelled: ['planned'],
});

const sessionFields = {
  date: CalendarDate,
  hours: Hours,
  title: z.string().trim().min(1).max(200).optional(),
  trainer: z.string().trim().min(1).max(200),
  place: z.string().trim().min(1).max(200).optional(),
  online: z.boolean(),
};

const placeOrOnline = (session: { place?: string; online?: boolean }, ctx: z.RefinementCtx) => {
  if (session.online === false && !session.place) {
    ctx.addIssue({ code: 'custom', path: ['place'], message: 'give a place, or set online to true' });
  }
};

/** What a session's attendance adds up to (counters on the session item). */
export const SessionTotals = z.object({
  attendances: z.number().int().min(0).meta({ description: 'Members that recorded attendance' }),
  participants: z.number().int().min(0).meta({ description: 'People who attended, summed over members' }),
  personHours: z.number().min(0),
});
export type SessionTotals = z.infer<typeof SessionTotals>;

export const Session = z
  .object({
    id: Id,
    consortiumId: Id,
    trainingId: Id,
    ...sessionFields,
    status: SessionStatus,
    ...Audited,
  })
  .meta({ id: 'TrainingSession' });
export type Session = z.infer<typeof Session>;

export const SessionWithTotals = Session.extend({ totals: SessionTotals }).meta({ id: 'TrainingSessionWithTotals' });

export const SessionCreate = z
  .strictObject({ ...sessionFields, online: sessionFields.online.default(false) })
  .superRefine(placeOrOnline)
  .meta({ id: 'TrainingSessionCreate' });
export type SessionCreate = z.infer<typeof SessionCreate>;

export const SessionPatch = patchOf({ ...sessionFields, status: SessionStatus }).meta({ id: 'TrainingSessionPatch' });
export type SessionPatch = z.infer<typeof SessionPatch>;

/** A held session is history: only its description (title, trainer, place) may still change. */
export function patchSession(session: Session, patch: SessionPatch, today: string): Partial<Session> {
  const { version: _version, status, ...fields } = patch;
  const changes: Partial<Session> = { ...fields };
  if (session.status === 'held' && (fields.date !== undefined || fields.hours !== undefined)) {
    if ((fields.date ?? session.date) !== session.date || (fields.hours ?? session.hours) !== session.hours) {
      throw new ConflictError('A held session keeps its date and hours: its attendance is counted on them');
    }
  }
  const merged = { ...session, ...changes };
  if (!merged.online && !merged.place) throw new ValidationError([{ path: 'place', message: 'give a place, or set online to true' }]);
  if (status !== undefined && status !== session.status) {
    changes.status = sessionStatusMachine.move(session.status, status);
    if (status === 'held' && merged.date > today) {
      throw new ConflictError(`A session dated ${merged.date} cannot be held before that day (today is ${today})`);
    }
  }
  return changes;
}

/** The most people one attendance record counts. */
export const MAX_PEOPLE = 1000;

/** A name as the member writes it: these people may never sign in, so they are named, not referenced. */
const AttendeeName = z.string().trim().min(1).max(200);

const Attendees = z
  .array(AttendeeName)
  .max(MAX_PEOPLE)
  .meta({ description: 'Names of the people who attended, at most `people` of them, each once; personal data (kept beside the audit chain, never exported)' });

/** Names given more than once (ignoring case), and more names than people, as field issues. */
function attendeeIssues(input: { people: number; attendees?: string[] }, ctx: z.RefinementCtx) {
  const names = input.attendees ?? [];
  if (names.length > input.people) {
    ctx.addIssue({ code: 'custom', path: ['attendees'], message: `gives ${names.length} names for ${input.people} people: at most one name per person` });
  }
  const seen = new Set<string>();
  names.forEach((name, index) => {
    const folded = name.toLocaleLowerCase('it');
    if (seen.has(folded)) ctx.addIssue({ code: 'custom', path: ['attendees', index], message: `names ${name} twice` });
    seen.add(folded);
  });
}

export const AttendanceInput = z
  .strictObject({
    people: z.number().int().min(1).max(MAX_PEOPLE).meta({ description: "How many of the member's people attended" }),
    hours: Hours.meta({ description: 'Hours each of them attended (at most the session hours)' }),
    attendees: Attendees.optional().meta({ description: 'Names of the people who attended (at most `people`, no name twice); a change replaces the names recorded, and leaving them out records none' }),
    version: Version.optional().meta({ description: 'To change recorded attendance: the version you read' }),
  })
  .superRefine(attendeeIssues)
  .meta({ id: 'AttendanceInput' });
export type AttendanceInput = z.infer<typeof AttendanceInput>;

export const Attendance = z
  .object({
    consortiumId: Id,
    trainingId: Id,
    sessionId: Id,
    memberId: Id,
    people: z.number().int().min(1),
    hours: z.number().positive(),
    attendees: z
      .array(z.string())
      .optional()
      .meta({ description: 'Names of the people who attended, if the member gave them; shown to coordinators and to the member itself only' }),
    recordedBy: z.string().max(128),
    ...Audited,
  })
  .meta({ id: 'Attendance' });
export type Attendance = z.infer<typeof Attendance>;

/** Other members read how many of a member's people attended, never who they were. */
export function attendanceSeenBy(attendance: Attendance, viewer: Pick<Access, 'role' | 'memberId'>): Attendance {
  if (viewer.role === 'coordinator' || viewer.memberId === attendance.memberId) return attendance;
  const { attendees: _names, ...counted } = attendance;
  return counted;
}

/** Attendance is recorded for a held session, for at most the session's hours. */
export function attendanceIssues(session: Pick<Session, 'status' | 'hours' | 'date'>, input: Pick<AttendanceInput, 'hours'>): FieldIssue[] {
  if (session.status !== 'held') {
    throw new ConflictError(`Attendance is recorded for held sessions; this one is ${session.status}`);
  }
  return input.hours > session.hours ? [{ path: 'hours', message: `must not exceed the session's ${session.hours} hours` }] : [];
}

// --- Totals ---

/** Counters kept on a path item, and on the project's training summary for its linked paths. */
export const TrainingTotals = z
  .object({
    sessions: z.number().int().min(0).meta({ description: 'Sessions of every status' }),
    sessionsPlanned: z.number().int().min(0),
    sessionsHeld: z.number().int().min(0),
    sessionsCancelled: z.number().int().min(0),
    hoursDelivered: z.number().min(0).meta({ description: 'Hours of the held sessions' }),
    attendances: z.number().int().min(0).meta({ description: 'Attendance records (a member at a session)' }),
    participants: z.number().int().min(0).meta({ description: 'People who attended, summed over attendance records' }),
    personHours: z.number().min(0).meta({ description: 'Σ people × hours attended' }),
    membersTakingPart: z.number().int().min(0).meta({ description: 'Distinct members with any attendance' }),
  })
  .meta({ id: 'TrainingTotals' });
export type TrainingTotals = z.infer<typeof TrainingTotals>;

/** What one member attended: in one path, or across every path of the consortium (`paths`). */
export const MemberTrainingTotals = z
  .object({
    memberId: Id,
    sessionsAttended: z.number().int().min(0),
    participants: z.number().int().min(0).meta({ description: 'People, summed over sessions' }),
    hoursAttended: z.number().min(0),
    personHours: z.number().min(0),
    paths: z.number().int().min(0).optional().meta({ description: 'Paths the member takes part in (consortium totals only)' }),
  })
  .meta({ id: 'MemberTrainingTotals' });
export type MemberTrainingTotals = z.infer<typeof MemberTrainingTotals>;

export type Counts = Record<string, number>;

export const TRAINING_COUNTERS = Object.keys(TrainingTotals.shape) as (keyof TrainingTotals)[];
export const MEMBER_COUNTERS = ['sessionsAttended', 'participants', 'hoursAttended', 'personHours', 'paths'] as const;

export const zeroTrainingTotals = (): TrainingTotals =>
  Object.fromEntries(TRAINING_COUNTERS.map((name) => [name, 0])) as TrainingTotals;

/** `a + sign × b`, attribute by attribute; attributes that end at zero change stay out of deltas. */
export function addCounts(a: Counts, b: Counts, sign: 1 | -1 = 1): Counts {
  const sum: Counts = { ...a };
  for (const [name, value] of Object.entries(b)) sum[name] = (sum[name] ?? 0) + sign * value;
  return sum;
}

export const nonZero = (counts: Counts): Counts => Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));

/** What one session adds to its path's (and project's) counters. */
export function sessionContribution(session: Pick<Session, 'status' | 'hours'>): Counts {
  return {
    sessions: 1,
    sessionsPlanned: session.status === 'planned' ? 1 : 0,
    sessionsHeld: session.status === 'held' ? 1 : 0,
    sessionsCancelled: session.status === 'cancelled' ? 1 : 0,
    hoursDelivered: session.status === 'held' ? session.hours : 0,
  };
}

/** What one attendance record adds to the session, path, project and member counters. */
export function attendanceContribution(attendance: Pick<Attendance, 'people' | 'hours'>): Counts {
  return {
    attendances: 1,
    sessionsAttended: 1,
    participants: attendance.people,
    hoursAttended: attendance.hours,
    personHours: attendance.people * attendance.hours,
  };
}

/** The change of counters between two states of one thing; absent is nothing. */
export function deltaOf<T>(before: T | undefined, after: T | undefined, contribution: (value: T) => Counts): Counts {
  const minus = before ? contribution(before) : {};
  const plus = after ? contribution(after) : {};
  return nonZero(addCounts(plus, minus, -1));
}

/** Picks the named counters out of a stored item (absent ones are zero). */
export function countsIn<K extends string>(item: Record<string, unknown>, names: readonly K[]): Record<K, number> {
  return Object.fromEntries(names.map((name) => [name, typeof item[name] === 'number' ? item[name] : 0])) as Record<K, number>;
}

/** Counters of a set of sessions and attendance records, counted from scratch: what stored ones must equal. */
export function recountTraining(
  sessions: Pick<Session, 'status' | 'hours'>[],
  attendance: Pick<Attendance, 'people' | 'hours' | 'memberId'>[],
): TrainingTotals {
  let counts: Counts = zeroTrainingTotals();
  for (const session of sessions) counts = addCounts(counts, sessionContribution(session));
  for (const record of attendance) counts = addCounts(counts, attendanceContribution(record));
  counts.membersTakingPart = new Set(attendance.map((record) => record.memberId)).size;
  return countsIn(counts, TRAINING_COUNTERS);
}

export const ProjectTrainingSummary = TrainingTotals.extend({
  paths: z.number().int().min(0).meta({ description: 'Training paths linked to the project' }),
  membersNotYetTakingPart: z.array(Id).meta({ description: 'Partner members with no attendance in the project’s paths yet' }),
}).meta({ id: 'ProjectTrainingSummary' });
export type ProjectTrainingSummary = z.infer<typeof ProjectTrainingSummary>;

/**
 * The overview's training summary, from the project's training counters and the members that
 * attended its paths (both items of its summary collection), and the project's partners.
 */
export function trainingSummary(
  totals: TrainingTotals & { paths: number },
  attendedMemberIds: Iterable<string>,
  partnerIds: string[],
): ProjectTrainingSummary {
  const attended = new Set(attendedMemberIds);
  return { ...totals, membersNotYetTakingPart: partnerIds.filter((id) => !attended.has(id)) };
}

export const PathTotals = z
  .object({
    totals: TrainingTotals,
    members: z.array(MemberTrainingTotals).meta({ description: 'What each member attended in this path' }),
    membersNotYetTakingPart: z.array(Id).meta({ description: 'Active members of the consortium with no attendance in this path' }),
  });

export const TrainingPathDetail = TrainingPath.extend(PathTotals.shape).meta({ id: 'TrainingPathDetail' });
export const TrainingPathWithTotals = TrainingPath.extend({ totals: TrainingTotals }).meta({ id: 'TrainingPathWithTotals' });

export const TrainingMembersReport = z
  .object({
    members: z.array(MemberTrainingTotals).meta({ description: 'Every active member with what it attended across paths' }),
    membersNotYetTakingPart: z.array(Id),
  })
  .meta({ id: 'TrainingMembersReport' });

/** Members that took part (any attendance) and those that have not yet, among `activeMemberIds`. */
export function participation(activeMemberIds: string[], tallies: MemberTrainingTotals[]) {
  const byMember = new Map(tallies.map((tally) => [tally.memberId, tally]));
  const empty = (memberId: string): MemberTrainingTotals => ({ memberId, sessionsAttended: 0, participants: 0, hoursAttended: 0, personHours: 0 });
  const members = activeMemberIds.map((id) => byMember.get(id) ?? empty(id));
  return {
    members,
    membersNotYetTakingPart: members.filter((tally) => tally.sessionsAttended === 0).map((tally) => tally.memberId),
  };
}
