// The one way Rete sends mail: through SES on AWS (ses-mailer.ts); locally and in tests an outbox
// keeps what was sent.
import type { Language } from '../domain/consortium';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  language: Language;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Drops what the mailer keeps of mails to an address (an erasure): the outbox's copies; SES keeps none here. */
  forget?(address: string): void;
}

/** A mailer that keeps every mail in memory, readable by tests (and logged by `npm start`). */
export interface OutboxMailer extends Mailer {
  readonly sent: readonly Mail[];
  /** The mails sent to one address, oldest first. */
  to(address: string): Mail[];
  clear(): void;
}

export function outboxMailer(options: { onSend?: (mail: Mail) => void } = {}): OutboxMailer {
  const sent: Mail[] = [];
  return {
    sent,
    async send(mail) {
      sent.push({ ...mail });
      options.onSend?.(mail);
    },
    to: (address) => sent.filter((mail) => mail.to === address),
    clear: () => void sent.splice(0, sent.length),
    forget(address) {
      for (let index = sent.length - 1; index >= 0; index--) if (sent[index]!.to.toLowerCase() === address.toLowerCase()) sent.splice(index, 1);
    },
  };
}
