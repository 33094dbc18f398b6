// The file store of the local runtime: files under a folder (.data/files), so that they survive
// restarts like the table's data. Its links are signed (HMAC-SHA256) and expired by the app itself,
// and the local runtime serves them (dev/file-routes.ts).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Clock } from '../domain/clock';
import { ForbiddenError, NotFoundError } from '../domain/errors';
import {
  assertLinkLifetime,
  assertSafeKey,
  type FileStore,
  type StoredFile,
  type UploadForm,
  type UploadLimits,
} from './file-store';
import { measured } from './hashing';

export interface DiskStoreOptions {
  root: string;
  /** Where the app serves `/api/files/...`, e.g. http://localhost:3000. */
  baseUrl: string;
  clock: Clock;
}

/** What a verified upload form allows. */
export interface UploadGrant {
  key: string;
  contentType: string;
  maxBytes: number;
}

export type DiskFileStore = FileStore & {
  /** Checks a download link's query; answers the key it grants. */
  verifyDownload(query: Record<string, string | undefined>): { key: string; filename?: string };
  /** Checks an upload form's fields; answers what it allows. */
  verifyUpload(fields: Record<string, string | undefined>): UploadGrant;
};

async function secretOf(root: string): Promise<Buffer> {
  const path = join(root, '.link-secret');
  const existing = await readFile(path).catch(() => undefined);
  if (existing?.length === 32) return existing;
  const secret = randomBytes(32);
  await mkdir(root, { recursive: true });
  await writeFile(path, secret, { mode: 0o600 });
  return secret;
}

export async function createDiskFileStore(options: DiskStoreOptions): Promise<DiskFileStore> {
  const secret = await secretOf(options.root);
  const dataRoot = join(options.root, 'data');
  const metaRoot = join(options.root, 'meta');
  const dataPath = (key: string) => (assertSafeKey(key), join(dataRoot, ...key.split('/')));
  const metaPath = (key: string) => (assertSafeKey(key), join(metaRoot, ...key.split('/')) + '.json');
  const sign = (...parts: string[]) => createHmac('sha256', secret).update(parts.join('\n')).digest('base64url');
  const nowSeconds = () => Math.floor(options.clock.now().getTime() / 1000);

  const check = (signature: string | undefined, expected: string, expires: string | undefined) => {
    const given = Buffer.from(signature ?? '', 'utf8');
    const wanted = Buffer.from(expected, 'utf8');
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) throw new ForbiddenError('This link is not valid');
    if (!/^\d+$/.test(expires ?? '') || Number(expires) < nowSeconds()) throw new ForbiddenError('This link has expired');
  };

  async function head(key: string): Promise<StoredFile | undefined> {
    const meta = await readFile(metaPath(key), 'utf8').catch(() => undefined);
    if (!meta) return undefined;
    const size = (await stat(dataPath(key))).size;
    return { key, size, contentType: (JSON.parse(meta) as { contentType: string }).contentType };
  }

  async function* walk(dir: string): AsyncGenerator<string> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(path);
      else if (!entry.name.startsWith('.')) yield relative(dataRoot, path).split(sep).join('/');
    }
  }

  const store: DiskFileStore = {
    async put(key, body, contentType) {
      const path = dataPath(key);
      await mkdir(dirname(path), { recursive: true });
      await mkdir(dirname(metaPath(key)), { recursive: true });
      // Written aside and renamed: a crash leaves the old file or the new one, never half of one.
      const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
      const { stream, result } = measured(body);
      try {
        await pipeline(stream, createWriteStream(partial));
        await writeFile(metaPath(key), JSON.stringify({ contentType }));
        await rename(partial, path);
      } finally {
        await rm(partial, { force: true });
      }
      return { key, contentType, ...result() };
    },

    async get(key) {
      const file = await head(key);
      if (!file) throw new NotFoundError(`No file ${key}`);
      return { ...file, body: createReadStream(dataPath(key)) as Readable };
    },

    head,

    async *list(prefix) {
      for await (const key of walk(dataRoot)) {
        if (!key.startsWith(prefix) || key.endsWith('.partial')) continue;
        const file = await head(key);
        if (file) yield file;
      }
    },

    async delete(key) {
      await rm(dataPath(key), { force: true });
      await rm(metaPath(key), { force: true });
    },

    async move(from, to) {
      if (!(await head(from))) throw new NotFoundError(`No file ${from}`);
      await mkdir(dirname(dataPath(to)), { recursive: true });
      await mkdir(dirname(metaPath(to)), { recursive: true });
      await rename(metaPath(from), metaPath(to));
      await rename(dataPath(from), dataPath(to));
    },

    async downloadLink(key, { expiresInSeconds, filename }) {
      assertLinkLifetime(expiresInSeconds);
      assertSafeKey(key);
      const expires = String(nowSeconds() + expiresInSeconds);
      const query = new URLSearchParams({ key, expires, ...(filename ? { filename } : {}) });
      query.set('signature', sign('download', key, expires, filename ?? ''));
      return `${options.baseUrl}/api/files/download?${query}`;
    },

    async uploadForm(key, limits: UploadLimits): Promise<UploadForm> {
      assertLinkLifetime(limits.expiresInSeconds);
      assertSafeKey(key);
      const expires = String(nowSeconds() + limits.expiresInSeconds);
      const maxBytes = String(limits.maxBytes);
      return {
        url: `${options.baseUrl}/api/files/upload`,
        fields: {
          key,
          'Content-Type': limits.contentType,
          expires,
          maxBytes,
          signature: sign('upload', key, limits.contentType, expires, maxBytes),
        },
        maxBytes: limits.maxBytes,
        expiresAt: new Date(Number(expires) * 1000).toISOString(),
      };
    },

    verifyDownload(query) {
      const { key = '', expires, filename } = query;
      check(query.signature, sign('download', key, expires ?? '', filename ?? ''), expires);
      return { key, filename };
    },

    verifyUpload(fields) {
      const { key = '', expires, maxBytes = '' } = fields;
      const contentType = fields['Content-Type'] ?? '';
      check(fields.signature, sign('upload', key, contentType, expires ?? '', maxBytes), expires);
      return { key, contentType, maxBytes: Number(maxBytes) };
    },
  };
  return store;
}
