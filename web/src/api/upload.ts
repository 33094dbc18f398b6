// Uploading a file as evidence or a cost document: ask the API for a form, post the file with it
// (to S3 in production, to the app locally), then name the answer's `evidence` in the entry.
import type { Api } from './client';
import type { Evidence } from './types';

interface UploadAnswer {
  evidence: { fileId: string; name: string };
  form: { url: string; fields: Record<string, string> };
}

export async function uploadFile(api: Api, formPath: string, file: File): Promise<{ fileId: string; name: string }> {
  const answer = await api.post<UploadAnswer>(formPath, { fileName: file.name, contentType: file.type || 'application/octet-stream', size: file.size });
  const body = new FormData();
  for (const [name, value] of Object.entries(answer.form.fields)) body.append(name, value);
  body.append('file', file);
  const posted = await fetch(answer.form.url, { method: 'POST', body });
  if (!posted.ok) throw new Error(`The upload was refused (${posted.status})`);
  return answer.evidence;
}

/** What a form gave as evidence or documents: a link typed in, a file chosen (uploaded now), or both. */
export async function evidenceOf(api: Api, link: string, file: File | undefined, formPath: string): Promise<Evidence[]> {
  const evidence: Evidence[] = [];
  if (link.trim()) evidence.push({ url: link.trim() });
  if (file) evidence.push(await uploadFile(api, formPath, file));
  return evidence;
}
