// Delivering notifications: each is stored for its person, then mailed in their language. Runs
// after the write it reports has succeeded, and never fails it: a failure is logged.
import type { Clock } from '../domain/clock';
import type { Cost } from '../domain/cost';
import type { Deliverable, LogEntry } from '../domain/deliverable';
import { notificationId, type Notification } from '../domain/notification';
import type { Person } from '../domain/person';
import type { Mailer } from '../mail/mailer';
import { mailText, render, type Message } from '../mail/messages';
import type { Store } from '../store';

export interface NotifyDeps {
  store: Store;
  mailer: Mailer;
  clock: Clock;
  newId: () => string;
}

export type Recipient = Pick<Person, 'id' | 'email' | 'language'>;

const logFailure = (message: string, details: Record<string, unknown>, error: unknown) =>
  console.error(JSON.stringify({ level: 'error', message, ...details, error: String(error) }));

/** The dashboard path of a deliverable: notifications link to it. */
export const deliverableLink = (deliverable: Pick<Deliverable, 'projectId' | 'id'>) =>
  `/projects/${deliverable.projectId}/deliverables/${deliverable.id}`;

/**
 * Stores one notification per recipient, rendered in their language, and mails it; `origin`
 * makes the mail's link absolute. Answers the notifications stored.
 */
export async function deliver(
  deps: NotifyDeps,
  consortiumId: string,
  recipients: Recipient[],
  message: Message,
  link: string,
  origin = '',
): Promise<Notification[]> {
  const createdAt = deps.clock.now().toISOString();
  // Every language's words, so that the dashboard shows them in the language the person chose there.
  const translations = { it: render(message, 'it'), en: render(message, 'en') };
  const notes = recipients.map((person) => {
    const { title, text } = translations[person.language];
    const note: Notification = {
      id: notificationId(createdAt, deps.newId()), personId: person.id, consortiumId, kind: message.kind, title, text, translations, link, createdAt,
    };
    return { person, note };
  });
  try {
    await deps.store.notifications.add(notes.map(({ note }) => note));
  } catch (error) {
    logFailure('Storing notifications failed', { consortiumId, kind: message.kind }, error);
  }
  for (const { person, note } of notes) {
    try {
      await deps.mailer.send({ to: person.email, subject: note.title, text: mailText(note, `${origin}${link}`, person.language), language: person.language });
    } catch (error) {
      logFailure('Mail failed', { consortiumId, kind: message.kind, personId: person.id, notificationId: note.id }, error);
    }
  }
  return notes.map(({ note }) => note);
}

/**
 * Tells who must know about a deliverable's new status: a submission its coordinators, a review
 * the persons of its owning member. Other changes tell nobody.
 */
export async function notifyDeliverableChange(deps: NotifyDeps, deliverable: Deliverable, entry: LogEntry | undefined, origin = ''): Promise<void> {
  try {
    const { consortiumId } = deliverable;
    const people = await deps.store.people.all(consortiumId);
    const { entity: project } = await deps.store.projects.get(consortiumId, deliverable.projectId);
    const facts = { projectTitle: project.title, deliverableTitle: deliverable.title, dueDate: deliverable.dueDate };
    const owners = people.filter((person) => person.role === 'member' && person.memberId === deliverable.ownerMemberId);
    const link = deliverableLink(deliverable);
    switch (deliverable.status) {
      case 'submitted':
        await deliver(deps, consortiumId, people.filter((person) => person.role === 'coordinator'), { kind: 'deliverable_submitted', facts }, link, origin);
        return;
      case 'changes_requested':
        await deliver(deps, consortiumId, owners, { kind: 'changes_requested', facts, comment: entry?.note ?? '' }, link, origin);
        return;
      case 'accepted':
        await deliver(deps, consortiumId, owners, { kind: 'deliverable_accepted', facts }, link, origin);
        return;
      default:
        return;
    }
  } catch (error) {
    logFailure('Notifying a deliverable change failed', { consortiumId: deliverable.consortiumId, deliverableId: deliverable.id }, error);
  }
}

/** Tells the consortium's coordinators that a cost waits for their approval. */
export async function notifyCostSubmitted(deps: NotifyDeps, cost: Cost, origin = ''): Promise<void> {
  try {
    const { consortiumId, projectId } = cost;
    const [people, { entity: project }, member] = await Promise.all([
      deps.store.people.all(consortiumId),
      deps.store.projects.get(consortiumId, projectId),
      deps.store.members.get(consortiumId, cost.memberId),
    ]);
    const facts = { projectTitle: project.title, memberName: member.name, description: cost.description, amountCents: cost.amountCents + cost.vatCents };
    const coordinators = people.filter((person) => person.role === 'coordinator');
    await deliver(deps, consortiumId, coordinators, { kind: 'cost_submitted', facts }, `/projects/${projectId}/costs/${cost.id}`, origin);
  } catch (error) {
    logFailure('Notifying a cost submission failed', { consortiumId: cost.consortiumId, costId: cost.id }, error);
  }
}
