// Uploading a file as evidence or a cost document: ask the API for a form, post the file with it
// (to S3 in production, to the app locally), then name the answer's `evidence` in the entry.
import type { components } from './schema';

type UploadRequest = components['schemas']['UploadRequest'];
type UploadAnswer = components['schemas']['UploadAnswer'];
type Evidence = components['schemas']['Evidence'];

/** Asks the owner's upload route for a form (`…/evidence-uploads` or `…/document-uploads`). */
export type AskForm = (request: UploadRequest) => Promise<UploadAnswer>;

export async function uploadFile(askForm: AskForm, file: File): Promise<UploadAnswer['evidence']> {
  // The browser's idea of the type; the API refuses one it does not take, naming `contentType`.
  const answer = await askForm({ fileName: file.name, contentType: file.type as UploadRequest['contentType'], size: file.size });
  const body = new FormData();
  for (const [name, value] of Object.entries(answer.form.fields)) body.append(name, value);
  body.append('file', file);
  const posted = await fetch(answer.form.url, { method: 'POST', body });
  if (!posted.ok) throw new Error(`The upload was refused (${posted.status})`);
  return answer.evidence;
}

/** What a form gave as evidence or documents: a link typed in, a file chosen (uploaded now), or both. */
export async function evidenceOf(link: string, file: File | undefined, askForm: AskForm): Promise<Evidence[]> {
  const evidence: Evidence[] = [];
  if (link.trim()) evidence.push({ url: link.trim() });
  if (file) evidence.push(await uploadFile(askForm, file));
  return evidence;
}
