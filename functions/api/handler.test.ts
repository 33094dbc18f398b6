// The Lambda entry answers an API Gateway HTTP API (payload 2.0) event through the same app.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer } from '../../dev/dev-issuer';
import { personItem } from '../../shared/store/people';
import { createTestTable } from '../../test/support/table';

function httpApiEvent(method: string, path: string, body?: unknown, token?: string): APIGatewayProxyEventV2 {
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

describe('the Lambda handler', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
  let token: string;

  beforeAll(async () => {
    table = await createTestTable();
    await table.store.consortia.put({
      id: 'lambda-coop', name: 'Lambda consortium', orgId: 'IT-CF-01234567890', timeZone: 'Europe/Rome',
      language: 'en', version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    });
    await table.store.db.putAll([
      personItem({
        id: 'lambda-coordinator', consortiumId: 'lambda-coop', email: 'c@example.org', name: 'Coordinator',
        language: 'en', role: 'coordinator', version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
      }),
    ]);
    // The bundle's configuration for an issuer given inline (on AWS: COGNITO_USER_POOL_ID).
    const issuer = await createDevIssuer('https://issuer.rete.test/lambda');
    token = await issuer.sign('lambda-coordinator');
    process.env.TABLE_NAME = table.tableName;
    process.env.DYNAMODB_ENDPOINT = table.endpoint;
    process.env.FILES_BUCKET = 'rete-files-test';
    process.env.AUTH_CLIENT_ID = issuer.clientId;
    process.env.AUTH_ISSUER = issuer.issuer;
    process.env.AUTH_JWKS = JSON.stringify(issuer.jwks);
    ({ handler } = (await import('./handler')) as never);
  });

  afterAll(() => table.drop());

  it('creates and reads a member from payload 2.0 events', async () => {
    const created = await handler(
      httpApiEvent('POST', '/api/v1/consortia/lambda-coop/members', {
        name: 'Cooperativa Alfa', sector: 'theatre', orgId: 'IT-CF-11111111111',
      }, token),
      {} as Context,
    );
    expect(created.statusCode).toBe(201);
    const member = JSON.parse(created.body ?? '{}');

    const read = await handler(httpApiEvent('GET', `/api/v1/consortia/lambda-coop/members/${member.id}`, undefined, token), {} as Context);
    expect(read.statusCode).toBe(200);
    expect(JSON.parse(read.body ?? '{}')).toMatchObject({ name: 'Cooperativa Alfa', status: 'applicant' });
  });

  it('refuses a request without a token with 401', async () => {
    const result = await handler(httpApiEvent('GET', '/api/v1/consortia/lambda-coop/members'), {} as Context);
    expect(result.statusCode).toBe(401);
  });

  it('answers a bad body with a problem document naming the field', async () => {
    const result = await handler(
      httpApiEvent('POST', '/api/v1/consortia/lambda-coop/members', { name: 42, sector: 'theatre', orgId: 'IT-CF-11111111111' }, token),
      {} as Context,
    );
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(result.body ?? '{}').errors).toEqual([expect.objectContaining({ in: 'body', path: 'name' })]);
  });
});
