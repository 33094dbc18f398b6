// The weekly digest: each member person who has not turned it off gets one notification of their
// member's open deliverables that are overdue or due within 14 days, in their language. A marker
// per person and ISO week, put conditionally, makes a second run of the same week send nothing.
import { calendarDateIn, type Clock } from '../domain/clock';
import type { Deliverable } from '../domain/deliverable';
import { isoWeekOf, type Notification } from '../domain/notification';
import { dueSoonUntil, isOverdue } from '../domain/schedule';
import type { Mailer } from '../mail/mailer';
import type { DigestLine } from '../mail/messages';
import type { Store } from '../store';
import { deliver } from './notify';

export interface DigestDeps {
  store: Store;
  mailer: Mailer;
  clock: Clock;
  /** Makes the mails' links absolute (the dashboard's origin). */
  origin?: string;
}

/** The dashboard path of a member's open deliverables: the digest links there. */
export const memberDeliverablesLink = (memberId: string) => `/members/${memberId}/deliverables`;

/** Runs the digest of one consortium for the current ISO week; answers the notifications sent. */
export async function runWeeklyDigest(deps: DigestDeps, consortiumId: string): Promise<Notification[]> {
  const { store, clock } = deps;
  const consortium = await store.consortia.get(consortiumId);
  if (!consortium) return [];
  const now = clock.now();
  const today = calendarDateIn(now, consortium.timeZone);
  const week = isoWeekOf(today);
  const projectTitles = new Map<string, Promise<string>>();
  const titleOf = (projectId: string) => {
    if (!projectTitles.has(projectId)) projectTitles.set(projectId, store.projects.get(consortiumId, projectId).then(({ entity }) => entity.title));
    return projectTitles.get(projectId)!;
  };
  const dueOf = new Map<string, Promise<Deliverable[]>>();
  const dueOfMember = (memberId: string) => {
    if (!dueOf.has(memberId)) dueOf.set(memberId, openDueThrough(store, consortiumId, memberId, dueSoonUntil(today)));
    return dueOf.get(memberId)!;
  };

  const sent: Notification[] = [];
  for (const person of await store.people.all(consortiumId)) {
    if (person.role !== 'member' || !person.memberId || person.weeklyDigest === false) continue;
    const due = await dueOfMember(person.memberId);
    if (due.length === 0) continue;
    if (!(await store.notifications.claimDigest(person.id, consortiumId, week, now.toISOString()))) continue;
    const lines: DigestLine[] = await Promise.all(
      due.map(async (deliverable) => ({
        title: deliverable.title,
        projectTitle: await titleOf(deliverable.projectId),
        dueDate: deliverable.dueDate,
        overdue: isOverdue(deliverable, today),
      })),
    );
    // One digest per person and week: the id names the week, so it is the same on every run.
    const notifyDeps = { store, mailer: deps.mailer, clock, newId: () => `digest-${week}` };
    sent.push(...(await deliver(notifyDeps, consortiumId, [person], { kind: 'weekly_digest', lines, today }, memberDeliverablesLink(person.memberId), deps.origin)));
  }
  return sent;
}

/** A member's open deliverables due through a date (overdue ones included), by due date: one Query. */
async function openDueThrough(store: Store, consortiumId: string, memberId: string, through: string): Promise<Deliverable[]> {
  const found: Deliverable[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.deliverables.openOfMember(consortiumId, memberId, { limit: 100, cursor, through });
    found.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}
