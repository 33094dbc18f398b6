// A member cooperative of the consortium and its admission status.
import { z } from 'zod';
import { Audited, CalendarDate, Id, OrgId, Title, patchOf, firstVersion } from './common';
import { ValidationError } from './errors';
import { defineStatusMachine } from './status-machine';

export const MemberStatus = z.enum(['applicant', 'active', 'left']);
export type MemberStatus = z.infer<typeof MemberStatus>;

export const memberStatusMachine = defineStatusMachine<MemberStatus>('member', {
  applicant: ['active', 'left'],
  active: ['left'],
  left: [],
});

const memberFields = {
  name: Title,
  sector: z.string().trim().min(1).max(100).meta({ example: 'museum services' }),
  orgId: OrgId,
  city: z.string().max(100).optional(),
  email: z.email().max(254).optional(),
};

export const Member = z
  .object({
    id: Id,
    consortiumId: Id,
    ...memberFields,
    status: MemberStatus,
    joinedOn: CalendarDate.optional(),
    leftOn: CalendarDate.optional(),
    ...Audited,
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof Member>;

export const MemberCreate = z
  .strictObject({
    ...memberFields,
    status: z.enum(['applicant', 'active']).default('applicant'),
    joinedOn: CalendarDate.optional(),
  })
  .meta({ id: 'MemberCreate' });
export type MemberCreate = z.infer<typeof MemberCreate>;

export const MemberPatch = patchOf({
  ...memberFields,
  status: MemberStatus,
  joinedOn: CalendarDate.meta({ description: 'The day it was admitted, when not today (coordinators)' }),
  leftOn: CalendarDate.meta({ description: 'The day it left, when not today (coordinators)' }),
}).meta({
  id: 'MemberPatch',
});
export type MemberPatch = z.infer<typeof MemberPatch>;

/** A new member starts as applicant, or active from the day it joined. */
export function newMember(
  input: MemberCreate,
  ids: { id: string; consortiumId: string },
  today: string,
  now: string,
): Member {
  const member: Member = {
    ...ids,
    ...input,
    ...firstVersion(now),
  };
  if (input.status === 'active') member.joinedOn ??= today;
  return member;
}

/** Applies a patch; a status change goes through the machine and dates the admission or exit (today, unless dated). */
export function patchMember(member: Member, patch: MemberPatch, today: string): Partial<Member> {
  const { version: _version, status, ...fields } = patch;
  const changes: Partial<Member> = { ...fields };
  if (status !== undefined && status !== member.status) {
    changes.status = memberStatusMachine.move(member.status, status);
    if (status === 'active') changes.joinedOn = patch.joinedOn ?? member.joinedOn ?? today;
    if (status === 'left') changes.leftOn = patch.leftOn ?? today;
  }
  const merged = { ...member, ...changes };
  if (merged.leftOn && merged.joinedOn && merged.leftOn < merged.joinedOn) {
    throw new ValidationError([{ path: 'leftOn', message: 'must not be before joinedOn' }]);
  }
  return changes;
}
