// Export requests on AWS: one SQS message per export, received by the export worker. The SQS
// client is loaded on first use, so that it weighs nothing on the cold start of requests that
// ask for no export.
import type { SQSClient, SQSClientConfig } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { Id } from '../domain/common';
import type { ExportRef } from './export-job';
import type { ExportQueue } from './export-queue';
import type { PrivacyRef } from './privacy-job';

/** The body of a queue message: which export to run. */
const ExportMessage = z.object({ consortiumId: Id, projectId: Id, exportId: Id });
/** Or which privacy request. */
const PrivacyMessage = z.strictObject({ privacyRequestId: Id });

export const encodeExportMessage = (ref: ExportRef): string =>
  JSON.stringify({ consortiumId: ref.consortiumId, projectId: ref.projectId, exportId: ref.exportId });

export const encodePrivacyMessage = (ref: PrivacyRef): string => JSON.stringify({ privacyRequestId: ref.requestId });

export type JobMessage = { kind: 'export'; ref: ExportRef } | { kind: 'privacy'; ref: PrivacyRef };

/** Reads a message body of either kind; a body that is neither throws (the message is poison). */
export function decodeJobMessage(body: string): JobMessage {
  const privacy = PrivacyMessage.safeParse(parseJson(body));
  if (privacy.success) return { kind: 'privacy', ref: { requestId: privacy.data.privacyRequestId } };
  return { kind: 'export', ref: decodeExportMessage(body) };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Reads a message body; a body that is not an export reference throws (the message is poison). */
export function decodeExportMessage(body: string): ExportRef {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error('The message body is not JSON');
  }
  const parsed = ExportMessage.safeParse(json);
  if (!parsed.success) throw new Error(`The message is not an export reference: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
  return parsed.data;
}

export interface SqsExportQueueOptions {
  queueUrl: string;
  /** The client's settings (region; in tests an endpoint and credentials). */
  client: SQSClientConfig;
}

export function sqsExportQueue(options: SqsExportQueueOptions): ExportQueue {
  const sdk = () => import('@aws-sdk/client-sqs');
  let client: Promise<SQSClient> | undefined;
  // Requests go to the client's endpoint (its region's, or AWS_ENDPOINT_URL_SQS); the queue URL only
  // names the queue. The queue lives in the function's region, so on AWS both are the same host.
  const connect = () => (client ??= sdk().then((m) => new m.SQSClient({ useQueueUrlAsEndpoint: false, ...options.client })));
  const send = async (body: string) => {
    const [{ SendMessageCommand }, sqs] = await Promise.all([sdk(), connect()]);
    await sqs.send(new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: body }));
  };
  return {
    enqueue: (ref) => send(encodeExportMessage(ref)),
    enqueuePrivacy: (ref) => send(encodePrivacyMessage(ref)),
  };
}
