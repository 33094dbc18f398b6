// The AWS adapters against servers that speak the real protocols: the SQS export queue against
// fauxqs (an SQS emulator in this process), the SES mailer against a recorder of SES v2 calls.
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeExportMessage, sqsExportQueue } from '../../shared/jobs/sqs-export-queue';
import { sesMailer } from '../../shared/mail/ses-mailer';
import { startSesRecorder } from '../support/ses-recorder';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let fauxqs: Awaited<ReturnType<typeof startFauxqs>>;
let ses: Awaited<ReturnType<typeof startSesRecorder>>;
let sqs: SQSClient;
let queueUrl: string;

beforeAll(async () => {
  fauxqs = await startFauxqs({ port: 0, logger: false });
  ({ queueUrl } = fauxqs.createQueue('rete-exports', { region: 'eu-south-1' }));
  sqs = new SQSClient({ region: 'eu-south-1', endpoint: fauxqs.address, credentials });
  ses = await startSesRecorder({ failFor: ['refused@example.org'] });
});

afterAll(async () => {
  sqs.destroy();
  await fauxqs.stop();
  await ses.stop();
});

describe('the SQS export queue', () => {
  it('sends one message per export, which the worker reads back as the same reference', async () => {
    const queue = sqsExportQueue({ queueUrl, client: { region: 'eu-south-1', endpoint: fauxqs.address, credentials } });
    await queue.enqueue({ consortiumId: 'pantacon', projectId: 'cultnetwork', exportId: 'e20261123-ab12' });
    await queue.enqueue({ consortiumId: 'pantacon', projectId: 'cultnetwork', exportId: 's-2026-10' });

    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    const refs = (received.Messages ?? []).map((message) => decodeExportMessage(message.Body ?? ''));
    expect(refs.map((ref) => ref.exportId).sort()).toEqual(['e20261123-ab12', 's-2026-10']);
    expect(refs[0]).toEqual({ consortiumId: 'pantacon', projectId: 'cultnetwork', exportId: refs[0]!.exportId });
    for (const message of received.Messages ?? []) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  });

  it('fails the enqueue when the queue does not exist, so that the caller can answer it', async () => {
    const queue = sqsExportQueue({
      queueUrl: queueUrl.replace('rete-exports', 'no-such-queue'),
      client: { region: 'eu-south-1', endpoint: fauxqs.address, credentials, maxAttempts: 1 },
    });
    await expect(queue.enqueue({ consortiumId: 'c', projectId: 'p', exportId: 'e' })).rejects.toThrow();
  });
});

describe('the SES mailer', () => {
  const mailer = () => sesMailer({ from: 'Rete <rete@example.org>', client: { region: 'eu-south-1', endpoint: ses.endpoint, credentials, maxAttempts: 1 } });

  it('sends each mail through SES v2 SendEmail, in UTF-8, from the configured identity', async () => {
    await mailer().send({ to: 'anna@example.org', subject: 'Consegna in ritardo', text: 'Scadenza: 15/12/2026 — 1.200,00 €\nhttps://d1.cloudfront.net/x', language: 'it' });

    expect(ses.to('anna@example.org')).toEqual([
      {
        FromEmailAddress: 'Rete <rete@example.org>',
        Destination: { ToAddresses: ['anna@example.org'] },
        Content: {
          Simple: {
            Subject: { Data: 'Consegna in ritardo', Charset: 'UTF-8' },
            Body: { Text: { Data: 'Scadenza: 15/12/2026 — 1.200,00 €\nhttps://d1.cloudfront.net/x', Charset: 'UTF-8' } },
            Headers: [{ Name: 'Content-Language', Value: 'it' }],
          },
        },
      },
    ]);
  });

  it("rejects with SES's error when SES refuses the mail", async () => {
    await expect(mailer().send({ to: 'refused@example.org', subject: 'x', text: 'y', language: 'en' })).rejects.toMatchObject({ name: 'MessageRejected' });
    expect(ses.to('refused@example.org')).toEqual([]);
  });
});
