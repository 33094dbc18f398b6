// The API app in this process over the benchmark's table, as `npm start` builds it, with tokens
// from a development issuer whose keys prime the verifier (as the local runtime does).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevIssuer } from '../../dev/dev-issuer';
import { createApp } from '../../shared/api/app';
import { newId, systemClock } from '../../shared/api/system';
import { localDirectory } from '../../shared/auth/identities';
import { jwksVerifier } from '../../shared/auth/verifier';
import { createDiskFileStore } from '../../shared/files/disk-store';
import { inProcessExportQueue } from '../../shared/jobs/export-queue';
import { outboxMailer } from '../../shared/mail/mailer';
import type { Store } from '../../shared/store';

export type BenchApp = Awaited<ReturnType<typeof createBenchApp>>;

export async function createBenchApp(store: Store, personId: string) {
  const issuer = await createDevIssuer('https://issuer.rete.bench/dev');
  const files = await createDiskFileStore({ root: await mkdtemp(join(tmpdir(), 'rete-bench-files-')), baseUrl: 'http://localhost', clock: systemClock });
  const app = createApp({
    store,
    clock: systemClock,
    newId,
    verifier: jwksVerifier(issuer),
    identities: localDirectory(newId),
    files,
    exportQueue: inProcessExportQueue({ store, files, clock: systemClock }),
    mailer: outboxMailer(),
  });
  const token = await issuer.sign(personId, { expiresInSeconds: 6 * 3600 });

  /**
   * One request through the whole app, answered as text (read as the Lambda adapter reads it, not
   * parsed); a status other than the expected one stops the run.
   */
  async function send(method: string, path: string, body?: unknown, expected = method === 'GET' ? 200 : [200, 201]) {
    const response = await app.request(`/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (![expected].flat().includes(response.status)) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return text;
  }
  /** One request through the whole app, its answer parsed. */
  async function request(method: string, path: string, body?: unknown, expected?: number | number[]) {
    return JSON.parse(await send(method, path, body, expected)) as Record<string, unknown>;
  }
  return { app, issuer, token, send, request };
}
