// What each notification says, in Italian and English: pure renderers of a title (the mail's
// subject) and a text (the mail's body and the dashboard's line).
import type { Language } from '../domain/consortium';

export interface DeliverableFacts {
  projectTitle: string;
  deliverableTitle: string;
  dueDate: string;
}

export interface DigestLine {
  title: string;
  projectTitle: string;
  dueDate: string;
  overdue: boolean;
}

export interface CostFacts {
  projectTitle: string;
  memberName: string;
  description: string;
  /** Euro cents, VAT included. */
  amountCents: number;
}

export type Message =
  | { kind: 'deliverable_submitted'; facts: DeliverableFacts }
  | { kind: 'cost_submitted'; facts: CostFacts }
  | { kind: 'changes_requested'; facts: DeliverableFacts; comment: string }
  | { kind: 'deliverable_accepted'; facts: DeliverableFacts }
  | { kind: 'weekly_digest'; lines: DigestLine[]; today: string };

export interface Rendered {
  title: string;
  text: string;
}

/** Dates read as 23/11/2026 in Italian and 23 Nov 2026 in English. */
function formatDate(date: string, language: Language): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(year, month - 1, day));
  const locale = language === 'it' ? 'it-IT' : 'en-GB';
  const style = language === 'it' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' };
  return new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' } as Intl.DateTimeFormatOptions).format(at);
}

const euros = (cents: number, language: Language) =>
  new Intl.NumberFormat(language === 'it' ? 'it-IT' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);

const words = {
  it: {
    submitted: (f: DeliverableFacts) => ({
      title: `Da rivedere: ${f.deliverableTitle}`,
      text: `Il deliverable «${f.deliverableTitle}» del progetto «${f.projectTitle}» è stato consegnato e attende la tua revisione.`,
    }),
    changes: (f: DeliverableFacts, comment: string) => ({
      title: `Modifiche richieste: ${f.deliverableTitle}`,
      text: `Il coordinamento chiede modifiche al deliverable «${f.deliverableTitle}» del progetto «${f.projectTitle}»:\n\n${comment}`,
    }),
    costSubmitted: (f: CostFacts) => ({
      title: `Costo da approvare: ${f.memberName}, ${euros(f.amountCents, 'it')}`,
      text: `${f.memberName} ha presentato un costo di ${euros(f.amountCents, 'it')} («${f.description}») per il progetto «${f.projectTitle}»: attende la tua approvazione.`,
    }),
    accepted: (f: DeliverableFacts) => ({
      title: `Approvato: ${f.deliverableTitle}`,
      text: `Il deliverable «${f.deliverableTitle}» del progetto «${f.projectTitle}» è stato approvato. Grazie!`,
    }),
    digestTitle: (count: number) => `Riepilogo settimanale: ${count} ${count === 1 ? 'scadenza' : 'scadenze'}`,
    digestIntro: 'Ecco cosa è scaduto o scade nei prossimi 14 giorni:',
    overdue: 'scaduto il',
    due: 'scade il',
    open: 'Apri',
  },
  en: {
    submitted: (f: DeliverableFacts) => ({
      title: `To review: ${f.deliverableTitle}`,
      text: `The deliverable "${f.deliverableTitle}" of the project "${f.projectTitle}" was submitted and waits for your review.`,
    }),
    changes: (f: DeliverableFacts, comment: string) => ({
      title: `Changes requested: ${f.deliverableTitle}`,
      text: `The coordinators ask for changes to the deliverable "${f.deliverableTitle}" of the project "${f.projectTitle}":\n\n${comment}`,
    }),
    costSubmitted: (f: CostFacts) => ({
      title: `Cost to approve: ${f.memberName}, ${euros(f.amountCents, 'en')}`,
      text: `${f.memberName} submitted a cost of ${euros(f.amountCents, 'en')} ("${f.description}") for the project "${f.projectTitle}": it waits for your approval.`,
    }),
    accepted: (f: DeliverableFacts) => ({
      title: `Accepted: ${f.deliverableTitle}`,
      text: `The deliverable "${f.deliverableTitle}" of the project "${f.projectTitle}" was accepted. Thank you!`,
    }),
    digestTitle: (count: number) => `Weekly digest: ${count} ${count === 1 ? 'deadline' : 'deadlines'}`,
    digestIntro: 'This is what is overdue or due within the next 14 days:',
    overdue: 'overdue since',
    due: 'due on',
    open: 'Open',
  },
} as const;

/** The title and text of a message in a language. */
export function render(message: Message, language: Language): Rendered {
  const w = words[language];
  switch (message.kind) {
    case 'deliverable_submitted':
      return w.submitted(message.facts);
    case 'cost_submitted':
      return w.costSubmitted(message.facts);
    case 'changes_requested':
      return w.changes(message.facts, message.comment);
    case 'deliverable_accepted':
      return w.accepted(message.facts);
    case 'weekly_digest': {
      const lines = message.lines.map(
        (line) => `- ${line.title} (${line.projectTitle}): ${line.overdue ? w.overdue : w.due} ${formatDate(line.dueDate, language)}`,
      );
      return { title: w.digestTitle(message.lines.length), text: [w.digestIntro, '', ...lines].join('\n') };
    }
  }
}

/** The mail of a rendered message: its text and a line with the link into the dashboard. */
export function mailText(rendered: Rendered, url: string, language: Language): string {
  return `${rendered.text}\n\n${words[language].open}: ${url}\n`;
}
