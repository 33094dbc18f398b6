// The request log through the whole app: one JSON line per request with its id, route, status and
// duration, which is also the route's metrics in CloudWatch's embedded metric format. Captured, no network.
import { describe, expect, it } from 'vitest';
import { createApp } from './app';
import type { AppDeps } from './env';
import { ORIGIN_HEADER } from './origin-header';

/** An app whose request log goes to `lines`, with a clock that makes every request last 12 ms. */
function loggedApp(originSecrets?: string[]) {
  const lines: Record<string, any>[] = [];
  let tick = 0;
  const app = createApp({
    store: { db: {} },
    files: {},
    originSecrets,
    requestLog: { write: (line: string) => lines.push(JSON.parse(line)), namespace: 'Rete/test', now: () => (tick += 12) },
  } as unknown as AppDeps);
  return { app, lines };
}

describe('the request log', () => {
  it('writes one line per request with its id, route, status and duration', async () => {
    const { app, lines } = loggedApp();
    const response = await app.request('/api/openapi.json');

    expect(response.status).toBe(200);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      message: 'Request',
      requestId: response.headers.get('x-request-id'),
      method: 'GET',
      route: 'GET /api/openapi.json',
      status: 200,
      durationMs: 12,
    });
    expect(lines[0]!.requestId).toMatch(/^[\w-]{8,}$/);
  });

  it('carries the route as registered, never the ids or the query string of the path', async () => {
    const { app, lines } = loggedApp();
    await app.request('/api/v1/consortia/pantacon/projects?cursor=secret-cursor');

    expect(lines[0]).toMatchObject({ route: 'GET /api/v1/consortia/:consortiumId/projects', status: 401 });
    expect(JSON.stringify(lines[0])).not.toMatch(/pantacon|secret-cursor/);
  });

  it('is the route\'s Latency metric in the embedded metric format, by route', async () => {
    const { app, lines } = loggedApp();
    await app.request('/api/openapi.json');

    const line = lines[0]!;
    expect(line._aws.CloudWatchMetrics).toEqual([
      { Namespace: 'Rete/test', Dimensions: [['route']], Metrics: [{ Name: 'Latency', Unit: 'Milliseconds' }] },
    ]);
    expect(typeof line._aws.Timestamp).toBe('number');
    expect(line.Latency).toBe(12);
    expect(line.Faults).toBeUndefined();
  });

  it('counts a 5xx answer as a fault of its route, at level error', async () => {
    // The stubbed store has no way to read a consortium: the access check fails inside, a bare 500.
    const { app, lines } = loggedApp();
    const response = await app.request('/api/v1/share', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'x'.repeat(43) }),
    });

    expect(response.status).toBe(500);
    expect(lines.at(-1)).toMatchObject({ level: 'error', route: 'POST /api/v1/share', status: 500, Faults: 1 });
    expect(lines.at(-1)!._aws.CloudWatchMetrics[0].Metrics).toContainEqual({ Name: 'Faults', Unit: 'Count' });
  });

  it('logs answers that no route gave: an unknown path, a call that bypassed CloudFront', async () => {
    const { app, lines } = loggedApp(['c'.repeat(40)]);
    await app.request('/api/nothing-here', { headers: { [ORIGIN_HEADER]: 'c'.repeat(40) } });
    await app.request('/api/openapi.json');

    expect(lines.map(({ route, status }) => [route, status])).toEqual([
      ['unmatched', 404],
      ['GET /api/openapi.json', 403],
    ]);
  });

  it('uses API Gateway\'s request id on Lambda, the one its access log carries', async () => {
    const { app, lines } = loggedApp();
    await app.request('/api/openapi.json', {}, { requestContext: { requestId: 'Gw1dXhs0FiAEMqw=' } });

    expect(lines[0]!.requestId).toBe('Gw1dXhs0FiAEMqw=');
  });

  it('writes nothing when the app is not given a request log (locally, in tests)', async () => {
    const written: unknown[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: unknown) => written.push(chunk) > 0) as typeof process.stdout.write;
    try {
      await createApp({ store: { db: {} }, files: {} } as unknown as AppDeps).request('/api/openapi.json');
    } finally {
      process.stdout.write = write;
    }
    expect(written).toEqual([]);
  });
});
