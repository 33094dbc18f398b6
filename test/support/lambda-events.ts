// The events Lambda hands to Rete's functions, built the way the services build them.
import type { Message } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';

/** An API Gateway HTTP API request (payload format 2.0). */
export function httpApiEvent(method: string, path: string, body?: unknown, token?: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      host: 'api.example.org',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.org',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '23/Nov/2026:10:00:00 +0000',
      timeEpoch: 1795437600000,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

/** The event an SQS event source mapping delivers for messages received from a queue. */
export function sqsEvent(messages: Pick<Message, 'MessageId' | 'ReceiptHandle' | 'Body'>[]): SQSEvent {
  return {
    Records: messages.map((message) => ({
      messageId: message.MessageId ?? 'message',
      receiptHandle: message.ReceiptHandle ?? 'receipt',
      body: message.Body ?? '',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1795437600000',
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: '1795437600000',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-south-1:123456789012:rete-exports',
      awsRegion: 'eu-south-1',
    })),
  };
}
