// A grant project: its funder, money, dates, objectives and partner members.
import { z } from 'zod';
import { Audited, CalendarDate, Cents, Id, Text, Title, patchOf } from './common';
import { Progress } from './progress';
import { ReportingSchedule } from './reporting';

export const Partner = z.strictObject({
  memberId: Id,
  role: z.enum(['lead', 'partner']),
  budgetShareCents: Cents.meta({ description: "The partner's share of the budget, in euro cents" }),
});
export type Partner = z.infer<typeof Partner>;

/**
 * A project's create or update checks every partner in its one transaction, beside the project,
 * its funder and two audit items: DynamoDB takes at most 100 writes per transaction.
 */
export const MAX_PARTNERS_PER_PROJECT = 90;

const projectFields = {
  title: Title,
  summary: Text.optional(),
  funderId: Id,
  call: z.string().trim().min(1).max(300),
  grantCents: Cents,
  cofinancingCents: Cents,
  startDate: CalendarDate,
  endDate: CalendarDate,
  objectives: z.array(z.string().trim().min(1).max(500)).max(30),
  partners: z.array(Partner).max(MAX_PARTNERS_PER_PROJECT),
  reportingSchedule: ReportingSchedule.nullable().optional().meta({ description: 'Exports made after each period by themselves; null for none' }),
};

type DatedPartnered = { startDate?: string; endDate?: string; partners?: Partner[] };

/** Rules that span fields, checked on creates and on the merged result of a patch. */
export function projectIssues(project: DatedPartnered): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (project.startDate && project.endDate && project.endDate < project.startDate) {
    issues.push({ path: 'endDate', message: 'must not be before startDate' });
  }
  const seen = new Set<string>();
  project.partners?.forEach((partner, index) => {
    if (seen.has(partner.memberId)) {
      issues.push({ path: `partners.${index}.memberId`, message: 'is listed twice' });
    }
    seen.add(partner.memberId);
  });
  if (project.partners && project.partners.filter((p) => p.role === 'lead').length > 1) {
    issues.push({ path: 'partners', message: 'may have at most one lead partner' });
  }
  return issues;
}

const withProjectRules = <T extends DatedPartnered>(value: T, ctx: z.RefinementCtx) => {
  for (const issue of projectIssues(value)) {
    ctx.addIssue({ code: 'custom', path: issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: issue.message });
  }
};

export const Project = z
  .object({
    id: Id,
    consortiumId: Id,
    ...projectFields,
    currency: z.literal('EUR'),
    ...Audited,
  })
  .meta({ id: 'Project' });
export type Project = z.infer<typeof Project>;

export const ProjectWithProgress = Project.extend({ progress: Progress }).meta({ id: 'ProjectWithProgress' });

export const ProjectCreate = z
  .strictObject({
    ...projectFields,
    objectives: projectFields.objectives.default([]),
    partners: projectFields.partners.default([]),
  })
  .superRefine(withProjectRules)
  .meta({ id: 'ProjectCreate' });
export type ProjectCreate = z.infer<typeof ProjectCreate>;

export const ProjectPatch = patchOf(projectFields).superRefine(withProjectRules).meta({ id: 'ProjectPatch' });
export type ProjectPatch = z.infer<typeof ProjectPatch>;
