// Uploaded files named as evidence or documents: forms to upload them for the record that will own
// them, the check that an entry names only its own record's files, and links to download them.
import { z } from 'zod';
import { Id } from '../domain/common';
import { ValidationError } from '../domain/errors';
import type { Evidence, UploadRequest } from '../domain/deliverable';
import { MAX_EVIDENCE_BYTES } from '../domain/deliverable';
import { PayloadTooLargeError } from '../domain/errors';
import type { FileStore, UploadForm } from '../files/file-store';
import type { UploadedFile } from '../files/layout';
import { DOWNLOAD_LINK_SECONDS } from './links';

/** The answer to an upload request: the form, and what to name once the file is posted. */
export const UploadAnswer = z
  .object({
    evidence: z.object({ fileId: Id, name: z.string() }).meta({ description: 'Name this in `evidence` or `documents` once uploaded' }),
    form: z.object({ url: z.url(), fields: z.record(z.string(), z.string()), maxBytes: z.number().int(), expiresAt: z.string() }),
  })
  .meta({ id: 'UploadAnswer' });

/** A download link of one uploaded file. */
export const FileLink = z
  .object({ downloadUrl: z.url().meta({ description: `Valid ${DOWNLOAD_LINK_SECONDS} s` }), name: z.string() })
  .meta({ id: 'FileLink' });

/** Upload forms live ten minutes: time to pick and send a file, not to share the form. */
export const UPLOAD_FORM_SECONDS = 600;

/** Where the files of one owning record live: the key of each file by its id and name. */
export type KeyOf = (file: UploadedFile) => string;

/** A form for one file of the owning record, within the size and type limits. */
export async function uploadForm(
  files: FileStore,
  keyOf: KeyOf,
  fileId: string,
  request: UploadRequest,
): Promise<{ evidence: UploadedFile; form: UploadForm }> {
  if (request.size > MAX_EVIDENCE_BYTES) {
    throw new PayloadTooLargeError(`The file has ${request.size} bytes; uploaded files have at most ${MAX_EVIDENCE_BYTES}`);
  }
  const form = await files.uploadForm(keyOf({ fileId, name: request.fileName }), {
    maxBytes: request.size,
    contentType: request.contentType,
    expiresInSeconds: UPLOAD_FORM_SECONDS,
  });
  return { evidence: { fileId, name: request.fileName }, form };
}

/**
 * Every uploaded file an entry names must be there, uploaded for the entry's own record: 400
 * naming `<field>.<index>.fileId` otherwise.
 */
export async function assertUploaded(files: FileStore, keyOf: KeyOf, evidence: Evidence[], field: string): Promise<void> {
  const missing = [];
  for (const [index, item] of evidence.entries()) {
    if (!('fileId' in item)) continue;
    if (!(await files.head(keyOf(item)))) {
      missing.push({ path: `${field}.${index}.fileId`, message: 'no file was uploaded for this record with this id and name' });
    }
  }
  if (missing.length > 0) throw new ValidationError(missing);
}

/** Whether an entry's evidence or documents name the file. */
export const namesFile = (evidence: Evidence[], fileId: string) => evidence.some((item) => 'fileId' in item && item.fileId === fileId);

/** A short-lived link to the one file of an upload's folder, if it is there. */
export async function fileLink(files: FileStore, folder: string): Promise<z.infer<typeof FileLink> | undefined> {
  for await (const file of files.list(folder)) {
    const name = file.key.split('/').at(-1)!;
    return { downloadUrl: await files.downloadLink(file.key, { expiresInSeconds: DOWNLOAD_LINK_SECONDS, filename: name }), name };
  }
  return undefined;
}
