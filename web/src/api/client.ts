// The API over HTTP, typed from its OpenAPI document (schema.d.ts, written by `npm run api:types`):
// every call names a documented path, and its parameters, body and answer are the document's, so
// that a wrong one fails `npm run typecheck`. openapi-fetch builds and sends the requests; a bearer
// token goes with each, problem documents become ApiError, and on 401 the session is renewed once
// (a refresh, or the demo login again); failing that, the person signs in again.
import createClient from 'openapi-fetch';
import type { paths } from './schema';

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

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The documented paths that have this method. */
export type PathOf<M extends Method> = { [P in keyof paths]: paths[P] extends Record<M, infer O> ? (O extends object ? P : never) : never }[keyof paths];
type Operation<M extends Method, P extends PathOf<M>> = paths[P][M];

type PathParams<O> = O extends { parameters: { path: infer X } } ? X : Record<string, never>;
type QueryParams<O> = O extends { parameters: { query?: infer X } } ? ([X] extends [never] ? undefined : X) : undefined;
type Body<O> = O extends { requestBody: { content: { 'application/json': infer X } } } ? X : never;
type Success<R> = R extends { 200: infer A } | { 201: infer A } | { 202: infer A } ? A : never;
/** What a call answers: the JSON of its success answer, or nothing for a 204. */
type Answer<O> = O extends { responses: infer R } ? (Success<R> extends { content: { 'application/json': infer X } } ? X : void) : never;

/** The answer of a documented call, for naming it in components: `ApiAnswer<'get', '/api/v1/me'>`. */
export type ApiAnswer<M extends Method, P extends PathOf<M>> = Answer<Operation<M, P>>;
/** The query of a documented call. */
export type ApiQuery<M extends Method, P extends PathOf<M>> = NonNullable<QueryParams<Operation<M, P>>>;

export function createApi(auth: Auth) {
  const withToken = (request: Request, token: string | undefined) => {
    const headers = new Headers(request.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return new Request(request, { headers });
  };
  const client = createClient<paths>({
    headers: { accept: 'application/json' },
    fetch: async (request) => {
      const again = request.clone();
      let response = await fetch(withToken(request, auth.token()));
      if (response.status === 401) {
        const token = await auth.renew().catch(() => undefined);
        if (token) response = await fetch(withToken(again, token));
        if (response.status === 401) auth.signedOut();
      }
      return response;
    },
  });

  async function call(method: Method, path: string, params: object, query: object | undefined, body?: unknown): Promise<any> {
    const init = { params: { path: params, query }, ...(body === undefined ? {} : { body }) };
    const { data, error, response } = await (client.request as (m: string, p: string, i: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>)(method, path, init);
    if (!response.ok) throw new ApiError({ status: response.status, ...(error as object | undefined) });
    return data;
  }

  return {
    get: <P extends PathOf<'get'>>(path: P, params: PathParams<Operation<'get', P>>, query?: QueryParams<Operation<'get', P>>): Promise<Answer<Operation<'get', P>>> =>
      call('get', path, params, query),
    post: <P extends PathOf<'post'>>(path: P, params: PathParams<Operation<'post', P>>, body: Body<Operation<'post', P>>): Promise<Answer<Operation<'post', P>>> =>
      call('post', path, params, undefined, body),
    put: <P extends PathOf<'put'>>(path: P, params: PathParams<Operation<'put', P>>, body: Body<Operation<'put', P>>): Promise<Answer<Operation<'put', P>>> =>
      call('put', path, params, undefined, body),
    patch: <P extends PathOf<'patch'>>(path: P, params: PathParams<Operation<'patch', P>>, body: Body<Operation<'patch', P>>): Promise<Answer<Operation<'patch', P>>> =>
      call('patch', path, params, undefined, body),
    del: <P extends PathOf<'delete'>>(path: P, params: PathParams<Operation<'delete', P>>, query: QueryParams<Operation<'delete', P>>): Promise<Answer<Operation<'delete', P>>> =>
      call('delete', path, params, query),
  };
}

export type Api = ReturnType<typeof createApi>;

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Reads every page of a list (bounded lists only: a project's phases, budget lines, a member's paths). */
export async function allPages<T>(readPage: (cursor: string | undefined) => Promise<Page<T>>, max = 20): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < max; page++) {
    const answer = await readPage(cursor);
    items.push(...answer.items);
    cursor = answer.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return items;
}
