import { describe, expect, it } from 'vitest';
import { sendEmailInput } from './ses-mailer';

const mail = { to: 'anna@example.org', subject: 'Da rivedere', text: 'Una consegna attende la tua revisione.', language: 'it' as const };

describe("the SES mailer's SendEmail input", () => {
  it('sends with the configuration set, so that SES counts its bounces and complaints', () => {
    expect(sendEmailInput('Rete <rete@example.org>', mail, 'MailEventsA1B2C3-xYz')).toEqual({
      FromEmailAddress: 'Rete <rete@example.org>',
      ConfigurationSetName: 'MailEventsA1B2C3-xYz',
      Destination: { ToAddresses: ['anna@example.org'] },
      Content: {
        Simple: {
          Subject: { Data: 'Da rivedere', Charset: 'UTF-8' },
          Body: { Text: { Data: 'Una consegna attende la tua revisione.', Charset: 'UTF-8' } },
          Headers: [{ Name: 'Content-Language', Value: 'it' }],
        },
      },
    });
  });

  it('names no configuration set when none is configured', () => {
    expect(sendEmailInput('rete@example.org', mail)).not.toHaveProperty('ConfigurationSetName');
  });
});
