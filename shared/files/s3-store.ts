// The file store on AWS: a private S3 bucket, presigned links that expire within minutes, and
// presigned POST forms whose policy limits the size and type of an upload. The S3 SDK is loaded on
// first use: most API requests touch no file, so it weighs nothing on their cold start.
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { NotFoundError } from '../domain/errors';
import { assertLinkLifetime, assertSafeKey, type FileStore, type StoredFile } from './file-store';
import { measured } from './hashing';

const s3 = () => import('@aws-sdk/client-s3');

const isMissing = (error: unknown) =>
  error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound');

/** A `filename` for Content-Disposition: plain ASCII, quotes and separators removed. */
const safeFilename = (filename: string) => filename.replace(/[^A-Za-z0-9._-]/g, '_');

/** S3 signs with the real time (AWS checks it against its own): no injected clock here. */
export function createS3FileStore(options: {
  /** A client, or its settings (region) to build one on first use, once. */
  client: S3Client | S3ClientConfig;
  bucket: string;
}): FileStore {
  const { bucket, client: given } = options;
  let made: Promise<S3Client> | undefined;
  const connect = () =>
    'send' in given ? Promise.resolve(given as S3Client) : (made ??= s3().then((m) => new m.S3Client(given)));
  /** The SDK module and the client, loaded and built on first use. */
  const sdk = () => Promise.all([s3(), connect()]);

  async function head(key: string): Promise<StoredFile | undefined> {
    assertSafeKey(key);
    const [{ HeadObjectCommand }, client] = await sdk();
    try {
      const result = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { key, size: result.ContentLength ?? 0, contentType: result.ContentType ?? 'application/octet-stream' };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  return {
    async put(key, body, contentType) {
      assertSafeKey(key);
      const { stream, result } = measured(body);
      const [{ Upload }, client] = await Promise.all([import('@aws-sdk/lib-storage'), connect()]);
      // Multipart for large files, one PUT for small ones; never the whole file in memory.
      await new Upload({ client, params: { Bucket: bucket, Key: key, Body: stream, ContentType: contentType } }).done();
      return { key, contentType, ...result() };
    },

    async get(key) {
      assertSafeKey(key);
      const [{ GetObjectCommand }, client] = await sdk();
      try {
        const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return {
          key,
          size: result.ContentLength ?? 0,
          contentType: result.ContentType ?? 'application/octet-stream',
          body: result.Body as Readable,
        };
      } catch (error) {
        if (isMissing(error)) throw new NotFoundError(`No file ${key}`);
        throw error;
      }
    },

    head,

    async *list(prefix) {
      const [{ ListObjectsV2Command }, client] = await sdk();
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const object of page.Contents ?? []) {
          const file = object.Key ? await head(object.Key) : undefined;
          if (file) yield file;
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },

    async delete(key) {
      assertSafeKey(key);
      const [{ DeleteObjectCommand }, client] = await sdk();
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    async move(from, to) {
      assertSafeKey(from);
      assertSafeKey(to);
      if (!(await head(from))) throw new NotFoundError(`No file ${from}`);
      const [{ CopyObjectCommand, DeleteObjectCommand }, client] = await sdk();
      await client.send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: `${bucket}/${encodeURIComponent(from).replace(/%2F/g, '/')}` }));
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: from }));
    },

    async downloadLink(key, { expiresInSeconds, filename }) {
      assertSafeKey(key);
      assertLinkLifetime(expiresInSeconds);
      const [{ GetObjectCommand }, client] = await sdk();
      const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ...(filename ? { ResponseContentDisposition: `attachment; filename="${safeFilename(filename)}"` } : {}),
      });
      return getSignedUrl(client, command, { expiresIn: expiresInSeconds });
    },

    async uploadForm(key, limits) {
      assertSafeKey(key);
      assertLinkLifetime(limits.expiresInSeconds);
      const [client, { createPresignedPost }] = await Promise.all([connect(), import('@aws-sdk/s3-presigned-post')]);
      const { url, fields } = await createPresignedPost(client, {
        Bucket: bucket,
        Key: key,
        Conditions: [
          ['content-length-range', 1, limits.maxBytes],
          ['eq', '$Content-Type', limits.contentType],
        ],
        Fields: { 'Content-Type': limits.contentType },
        Expires: limits.expiresInSeconds,
      });
      const policy = JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8')) as { expiration: string };
      return { url, fields, maxBytes: limits.maxBytes, expiresAt: policy.expiration };
    },
  };
}
