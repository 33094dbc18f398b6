// Where files live in the store. Unsubmitted exports sit under their own prefix so that a
// lifecycle rule can clean them up, while submitted exports and evidence stay.
import { assertSafeKey } from './file-store';

export const PREFIXES = {
  unsubmittedExports: 'exports/unsubmitted/',
  submittedExports: 'exports/submitted/',
  evidence: 'evidence/',
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

/** The folder of one upload, ending in `/`: list it to find the file. */
export const evidenceFolder = (ids: { consortiumId: string; projectId: string; fileId: string }) =>
  `${key(PREFIXES.evidence.slice(0, -1), ids.consortiumId, ids.projectId, ids.fileId)}/`;

export const evidenceKey = (ids: { consortiumId: string; projectId: string; fileId: string }, fileName: string) =>
  key(PREFIXES.evidence.slice(0, -1), ids.consortiumId, ids.projectId, ids.fileId, safeFileName(fileName));
