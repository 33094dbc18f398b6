// People and their memberships: a person's role in a consortium, the only source of what they may do.
import { z } from 'zod';
import { Audited, Id, Title, patchOf } from './common';
import { Language } from './consortium';
import { ValidationError, type FieldIssue } from './errors';

export const Role = z.enum(['coordinator', 'member', 'funder']);
export type Role = z.infer<typeof Role>;

/** A person id is the identity provider's subject (`sub`): a UUID in Cognito. */
export const PersonId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a person id (the token subject)');

const personFields = {
  email: z.email().max(254),
  name: Title,
  language: Language,
  role: Role,
  memberId: Id.optional().meta({ description: 'For the member role: which member cooperative' }),
  funderId: Id.optional().meta({ description: 'For the funder role: which funder' }),
};

/** A person's membership of one consortium. */
export const Person = z
  .object({
    id: PersonId,
    consortiumId: Id,
    ...personFields,
    weeklyDigest: z.boolean().optional().meta({ description: 'Whether they get the weekly digest; on unless they turned it off' }),
    ...Audited,
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;

type Placed = { role?: Role; memberId?: string; funderId?: string };

/** A member person names its member, a funder person its funder, a coordinator neither. */
export function roleIssues(person: Placed): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (person.role === 'member' && !person.memberId) issues.push({ path: 'memberId', message: 'is required for the member role' });
  if (person.role === 'funder' && !person.funderId) issues.push({ path: 'funderId', message: 'is required for the funder role' });
  if (person.role !== 'member' && person.memberId) issues.push({ path: 'memberId', message: 'is only for the member role' });
  if (person.role !== 'funder' && person.funderId) issues.push({ path: 'funderId', message: 'is only for the funder role' });
  return issues;
}

const withRoleRules = (person: Placed, ctx: z.RefinementCtx) => {
  for (const issue of roleIssues(person)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
};

export const PersonInvite = z.strictObject(personFields).superRefine(withRoleRules).meta({ id: 'PersonInvite' });
export type PersonInvite = z.infer<typeof PersonInvite>;

export const PersonPatch = patchOf({
  name: personFields.name,
  language: personFields.language,
  role: personFields.role,
  memberId: Id.nullable(),
  funderId: Id.nullable(),
}).meta({ id: 'PersonPatch' });
export type PersonPatch = z.infer<typeof PersonPatch>;

/** Applies a patch; `null` clears the member or funder, and the result must fit its role. */
export function patchPerson(person: Person, patch: PersonPatch): Partial<Person> {
  const { version: _version, memberId, funderId, ...fields } = patch;
  const changes: Partial<Person> = { ...fields };
  if (memberId !== undefined) changes.memberId = memberId ?? undefined;
  if (funderId !== undefined) changes.funderId = funderId ?? undefined;
  // Changing role away from member or funder drops the link it no longer needs.
  const role = changes.role ?? person.role;
  if (role !== 'member' && memberId === undefined && person.memberId) changes.memberId = undefined;
  if (role !== 'funder' && funderId === undefined && person.funderId) changes.funderId = undefined;
  const issues = roleIssues({ ...person, ...changes });
  if (issues.length > 0) throw new ValidationError(issues);
  return changes;
}

/** What a request may do in a consortium: who acts, and in which role. */
export interface Access {
  personId: string;
  consortiumId: string;
  role: Role;
  memberId?: string;
  funderId?: string;
}
