// One JSON line per request: its id, method, route, status and duration. The same line carries the
// route's metrics in CloudWatch's embedded metric format (Latency for every request, Faults for a 5xx),
// which CloudWatch extracts from the function's log: no client, no call, nothing at cold start.
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from './env';

export interface RequestLogOptions {
  /** Writes one line (on Lambda, straight to stdout: the runtime's console prefix would hide the JSON). */
  write: (line: string) => void;
  /** The CloudWatch namespace of the metrics, one per stage (`Rete/prod`). */
  namespace: string;
  /** Milliseconds, for the duration; `performance.now` unless a test says otherwise. */
  now?: () => number;
}

export interface RequestRecord {
  requestId: string;
  method: string;
  /** The route as registered, never the path: ids and query strings stay out of logs and metrics. */
  route: string;
  status: number;
  durationMs: number;
}

/**
 * `GET /api/v1/consortia/:consortiumId/projects`: the handler the router chose (or the route group's
 * app, which says so in `route`), or `unmatched`.
 */
export function routeOf(c: Context): string {
  const chosen = (c as Context<AppEnv>).get('route');
  if (chosen) return chosen;
  const handler = matchedRoutes(c).findLast((route) => route.method !== 'ALL');
  return handler ? `${handler.method} ${handler.path}` : 'unmatched';
}

/** The log line, which is also the route's metrics (pure: the timestamp is given). */
export function requestLogLine(record: RequestRecord, namespace: string, timestamp: number): string {
  const fault = record.status >= 500;
  return JSON.stringify({
    level: fault ? 'error' : 'info',
    message: 'Request',
    ...record,
    Latency: record.durationMs,
    ...(fault ? { Faults: 1 } : {}),
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [['route']],
          // Faults only when there is one: its sum per route is the number of 5xx, Latency's count the requests.
          Metrics: [{ Name: 'Latency', Unit: 'Milliseconds' }, ...(fault ? [{ Name: 'Faults', Unit: 'Count' }] : [])],
        },
      ],
    },
  });
}

export function requestLog({ write, namespace, now = () => performance.now() }: RequestLogOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = now();
    await next();
    const record = {
      requestId: c.get('requestId'),
      method: c.req.method,
      route: routeOf(c),
      status: c.res.status,
      durationMs: Math.round(now() - started),
    };
    write(requestLogLine(record, namespace, Date.now()));
  };
}
