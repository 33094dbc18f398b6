// The mailer on AWS: each mail goes out through SES v2 from the installation's sender identity, with
// its configuration set (which counts bounces and complaints). The SES client is loaded on first
// use: most requests send no mail.
import type { SESv2Client, SESv2ClientConfig } from '@aws-sdk/client-sesv2';
import type { Mail, Mailer } from './mailer';

export interface SesMailerOptions {
  /** The verified SES identity, e.g. `Rete <rete@example.org>`. */
  from: string;
  /** The SES configuration set every mail is sent with; none locally. */
  configurationSet?: string;
  /** The client's settings (region; in tests an endpoint and credentials). */
  client: SESv2ClientConfig;
}

/** The SendEmail input of one mail: plain text in UTF-8, tagged with its language, with the configuration set if any. Pure. */
export function sendEmailInput(from: string, mail: Mail, configurationSet?: string) {
  return {
    FromEmailAddress: from,
    ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
    Destination: { ToAddresses: [mail.to] },
    Content: {
      Simple: {
        Subject: { Data: mail.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: mail.text, Charset: 'UTF-8' } },
        Headers: [{ Name: 'Content-Language', Value: mail.language }],
      },
    },
  };
}

export function sesMailer(options: SesMailerOptions): Mailer {
  const sdk = () => import('@aws-sdk/client-sesv2');
  let client: Promise<SESv2Client> | undefined;
  const connect = () => (client ??= sdk().then((m) => new m.SESv2Client(options.client)));
  return {
    async send(mail) {
      const [{ SendEmailCommand }, ses] = await Promise.all([sdk(), connect()]);
      await ses.send(new SendEmailCommand(sendEmailInput(options.from, mail, options.configurationSet)));
    },
  };
}
