// The API over HTTP: bearer token, JSON in and out, problem documents turned into ApiError. On 401
// the session is renewed once (a refresh, or the demo login again); failing that, sign in again.
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    const fields = problem.errors?.map((error) => `${error.path}: ${error.message}`).join('; ');
    super([problem.detail ?? problem.title ?? `HTTP ${problem.status}`, fields].filter(Boolean).join(' — '));
  }

  get status() {
    return this.problem.status;
  }
}

export interface Auth {
  token(): string | undefined;
  /** A fresh token after a 401, or undefined when the person must sign in again. */
  renew(): Promise<string | undefined>;
  signedOut(): void;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function createApi(auth: Auth) {
  async function send(method: Method, path: string, body: unknown, token: string | undefined): Promise<Response> {
    return fetch(`/api/v1${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    let response = await send(method, path, body, auth.token());
    if (response.status === 401) {
      const token = await auth.renew().catch(() => undefined);
      if (token) response = await send(method, path, body, token);
      if (response.status === 401) auth.signedOut();
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new ApiError({ status: response.status, ...(parsed as object) });
    return parsed as T;
  }

  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
    put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
    patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, body),
    del: (path: string) => call<void>('DELETE', path),
  };
}

export type Api = ReturnType<typeof createApi>;

/** Reads every page of a list (bounded lists only: a project's phases, budget lines, a member's paths). */
export async function allPages<T>(api: Api, path: string, max = 20): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < max; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const answer: { items: T[]; nextCursor: string | null } = await api.get(
      `${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return items;
}
