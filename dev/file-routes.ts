// Serves the disk file store's signed links for `npm start`: downloads, and uploads posted as the
// same multipart form S3's presigned POST takes (fields first, then `file`).
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../shared/domain/errors';
import type { DiskFileStore } from '../shared/files/disk-store';

/** No upload form grants more than this; the form's own limit is checked on the file. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

const problem = (status: 400 | 403 | 404 | 413 | 415, detail: string) =>
  new Response(JSON.stringify({ type: `urn:rete:problem:${status}`, title: 'File link refused', status, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

export function fileRoutes(files: DiskFileStore) {
  const app = new Hono();

  app.get('/download', async (c) => {
    try {
      const { key, filename } = files.verifyDownload(c.req.query());
      const file = await files.get(key);
      return new Response(Readable.toWeb(file.body) as ReadableStream, {
        headers: {
          'Content-Type': file.contentType,
          'Content-Length': String(file.size),
          ...(filename ? { 'Content-Disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"` } : {}),
        },
      });
    } catch (error) {
      if (error instanceof AppError) return problem(error.code === 'not_found' ? 404 : 403, error.message);
      throw error;
    }
  });

  app.post(
    '/upload',
    bodyLimit({ maxSize: MAX_UPLOAD_BYTES, onError: () => problem(413, `Uploads are at most ${MAX_UPLOAD_BYTES} bytes`) }),
    async (c) => {
      const form = await c.req.parseBody().catch(() => undefined);
      if (!form) return problem(400, 'Send the upload form as multipart/form-data');
      const fields = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      let grant;
      try {
        grant = files.verifyUpload(fields);
      } catch (error) {
        if (error instanceof AppError) return problem(403, error.message);
        throw error;
      }
      const file = form.file;
      if (!(file instanceof File)) return problem(400, 'The form has no file field');
      if (file.size > grant.maxBytes) return problem(413, `The file has ${file.size} bytes; this form takes at most ${grant.maxBytes}`);
      if (file.size === 0) return problem(400, 'The file is empty');
      if ((file.type || fields['Content-Type']) !== grant.contentType) {
        return problem(415, `This form takes ${grant.contentType} only`);
      }
      await files.put(grant.key, Buffer.from(await file.arrayBuffer()), grant.contentType);
      return c.body(null, 204);
    },
  );

  return app;
}
