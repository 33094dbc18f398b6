// The Lambda entry answers an API Gateway HTTP API (payload 2.0) event through the same app.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer } from '../../dev/dev-issuer';
import { personItem } from '../../shared/store/people';
import { httpApiEvent } from '../../test/support/lambda-events';
import { createTestTable } from '../../test/support/table';

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
    // Neither is called by these requests (the bundle tests send exports and mails); both must be set.
    process.env.EXPORT_QUEUE_URL = 'http://127.0.0.1:9/000000000000/rete-exports';
    process.env.MAIL_FROM = 'rete@example.org';
    process.env.DASHBOARD_ORIGIN = 'https://dashboard.example.org';
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
