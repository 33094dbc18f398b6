// A stand-in for the SES v2 endpoint in tests: an HTTP server that records each SendEmail call the
// SDK makes (POST /v2/email/outbound-emails, JSON) and answers like SES. No signature is checked.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedEmail {
  FromEmailAddress: string;
  ConfigurationSetName?: string;
  Destination: { ToAddresses: string[] };
  Content: {
    Simple: {
      Subject: { Data: string; Charset?: string };
      Body: { Text: { Data: string; Charset?: string } };
      Headers?: { Name: string; Value: string }[];
    };
  };
}

const bodyOf = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export async function startSesRecorder(options: { failFor?: string[] } = {}) {
  const sent: RecordedEmail[] = [];
  const server = createServer(async (request, response) => {
    const body = await bodyOf(request);
    if (request.method !== 'POST' || request.url !== '/v2/email/outbound-emails') {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `No route ${request.method} ${request.url}` }));
      return;
    }
    const email = JSON.parse(body) as RecordedEmail;
    if (email.Destination.ToAddresses.some((address) => options.failFor?.includes(address))) {
      // What SES answers for an address it refuses to send to.
      response.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' });
      response.end(JSON.stringify({ message: 'Email address is not verified.' }));
      return;
    }
    sent.push(email);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: `message-${sent.length}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    sent,
    to: (address: string) => sent.filter((email) => email.Destination.ToAddresses.includes(address)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
