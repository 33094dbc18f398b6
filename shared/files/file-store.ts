// The file store: export files and evidence. S3 in production, a folder on disk for `npm start`;
// both hand out short-lived signed links for downloads and size- and type-limited upload forms.
import type { Readable } from 'node:stream';

export interface StoredFile {
  key: string;
  size: number;
  contentType: string;
}

export interface UploadLimits {
  maxBytes: number;
  /** The one content type the form accepts (the API checks it against what it allows). */
  contentType: string;
  expiresInSeconds: number;
}

/** A form the browser posts the file with: to `url`, the `fields` first, then `file`. */
export interface UploadForm {
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
  expiresAt: string;
}

export interface FileStore {
  /** Writes a file from a buffer or a stream (never held whole in memory); answers its size and SHA-256. */
  put(key: string, body: Buffer | Readable, contentType: string): Promise<StoredFile & { sha256: string }>;
  /** The file's bytes as a stream; throws NotFoundError when absent. */
  get(key: string): Promise<StoredFile & { body: Readable }>;
  head(key: string): Promise<StoredFile | undefined>;
  /** Every file whose key starts with `prefix`, in key order. */
  list(prefix: string): AsyncIterable<StoredFile>;
  delete(key: string): Promise<void>;
  /** Moves a file to another key (copy, then delete): how a submitted export leaves its prefix. */
  move(from: string, to: string): Promise<void>;
  /** A link that downloads the file until it expires (minutes), under `filename`. */
  downloadLink(key: string, options: { expiresInSeconds: number; filename?: string }): Promise<string>;
  /** A form that uploads one file to `key`, within the limits, until it expires. */
  uploadForm(key: string, limits: UploadLimits): Promise<UploadForm>;
}

/** Download and upload links live minutes, never longer. */
export const MAX_LINK_SECONDS = 15 * 60;

/** Keys are paths of safe segments: no `..`, no leading slash, nothing a file system would misread. */
export function assertSafeKey(key: string): void {
  const segments = key.split('/');
  if (
    key.length === 0 ||
    key.length > 900 ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..' || !/^[A-Za-z0-9._=-]+$/.test(segment))
  ) {
    throw new Error(`Unsafe file key: ${JSON.stringify(key)}`);
  }
}

export function assertLinkLifetime(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_LINK_SECONDS) {
    throw new Error(`A link lives 1 to ${MAX_LINK_SECONDS} seconds, not ${seconds}`);
  }
}
