// Where files live in the store. Unsubmitted exports sit under their own prefix so that a
// lifecycle rule can clean them up, while submitted exports, evidence and cost documents stay.
// Every key names the record that owns the file, so that a file is found only through its owner.
import { assertSafeKey } from './file-store';

export const PREFIXES = {
  unsubmittedExports: 'exports/unsubmitted/',
  submittedExports: 'exports/submitted/',
  evidence: 'evidence/',
  documents: 'documents/',
  /** A person's data as a privacy request exported it: kept days, not years (a lifecycle rule on AWS). */
  personalData: 'privacy/exports/',
  /** The erasure register's copy outside the table: a restored table is erased again from it. */
  erasures: 'privacy/erasures/',
} as const;

const key = (...parts: string[]) => {
  const joined = parts.join('/');
  assertSafeKey(joined);
  return joined;
};

export const exportFileKey = (
  state: 'unsubmitted' | 'submitted',
  ids: { consortiumId: string; projectId: string; exportId: string },
  fileName: string,
) =>
  key(
    (state === 'submitted' ? PREFIXES.submittedExports : PREFIXES.unsubmittedExports).slice(0, -1),
    ids.consortiumId,
    ids.projectId,
    ids.exportId,
    fileName,
  );

/** A file name made safe for a key: letters, digits, dot, dash and underscore. */
export const safeFileName = (name: string) =>
  name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 120) || 'file';

/** An uploaded file as an entry names it. */
export interface UploadedFile {
  fileId: string;
  name: string;
}

/** Evidence belongs to the deliverable it was uploaded for. */
export interface EvidenceOwner {
  consortiumId: string;
  projectId: string;
  deliverableId: string;
}

/** A cost document belongs to the member of the budget line it was uploaded for (a cost never changes member). */
export interface DocumentOwner {
  consortiumId: string;
  projectId: string;
  memberId: string;
}

/** The folder of one evidence upload, ending in `/`: list it to find the file. */
export const evidenceFolder = (owner: EvidenceOwner, fileId: string) =>
  `${key(PREFIXES.evidence.slice(0, -1), owner.consortiumId, owner.projectId, owner.deliverableId, fileId)}/`;

export const evidenceKey = (owner: EvidenceOwner, file: UploadedFile) => key(evidenceFolder(owner, file.fileId) + safeFileName(file.name));

/** The folder of one cost document upload, ending in `/`: list it to find the file. */
export const documentFolder = (owner: DocumentOwner, fileId: string) =>
  `${key(PREFIXES.documents.slice(0, -1), owner.consortiumId, owner.projectId, owner.memberId, fileId)}/`;

export const documentKey = (owner: DocumentOwner, file: UploadedFile) => key(documentFolder(owner, file.fileId) + safeFileName(file.name));
