// Uploaded files named as evidence or documents: forms to upload them, and the check that an entry
// names only files that were really uploaded.
import { z } from 'zod';
import { Id } from '../domain/common';
import { ValidationError } from '../domain/errors';
import type { Evidence, UploadRequest } from '../domain/deliverable';
import { MAX_EVIDENCE_BYTES } from '../domain/deliverable';
import { PayloadTooLargeError } from '../domain/errors';
import type { FileStore, UploadForm } from '../files/file-store';
import { evidenceKey } from '../files/layout';

/** The answer to an upload request: the form, and what to name once the file is posted. */
export const UploadAnswer = z
  .object({
    evidence: z.object({ fileId: Id, name: z.string() }).meta({ description: 'Name this in `evidence` or `documents` once uploaded' }),
    form: z.object({ url: z.url(), fields: z.record(z.string(), z.string()), maxBytes: z.number().int(), expiresAt: z.string() }),
  })
  .meta({ id: 'UploadAnswer' });

/** Upload forms live ten minutes: time to pick and send a file, not to share the form. */
export const UPLOAD_FORM_SECONDS = 600;

type ProjectRef = { consortiumId: string; projectId: string };

/** A form for one file of the project's evidence, within the size and type limits. */
export async function evidenceUploadForm(
  files: FileStore,
  ref: ProjectRef,
  fileId: string,
  request: UploadRequest,
): Promise<{ evidence: { fileId: string; name: string }; form: UploadForm }> {
  if (request.size > MAX_EVIDENCE_BYTES) {
    throw new PayloadTooLargeError(`The file has ${request.size} bytes; evidence files have at most ${MAX_EVIDENCE_BYTES}`);
  }
  const form = await files.uploadForm(evidenceKey({ ...ref, fileId }, request.fileName), {
    maxBytes: request.size,
    contentType: request.contentType,
    expiresInSeconds: UPLOAD_FORM_SECONDS,
  });
  return { evidence: { fileId, name: request.fileName }, form };
}

/** Every uploaded file an entry names must be there: 400 naming `<field>.<index>.fileId` otherwise. */
export async function assertUploaded(files: FileStore, ref: ProjectRef, evidence: Evidence[], field: string): Promise<void> {
  const missing = [];
  for (const [index, item] of evidence.entries()) {
    if (!('fileId' in item)) continue;
    if (!(await files.head(evidenceKey({ ...ref, fileId: item.fileId }, item.name)))) {
      missing.push({ path: `${field}.${index}.fileId`, message: 'no file was uploaded for this id and name' });
    }
  }
  if (missing.length > 0) throw new ValidationError(missing);
}
