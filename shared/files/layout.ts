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

export const evidenceKey = (ids: { consortiumId: string; projectId: string; fileId: string }, fileName: string) =>
  key(PREFIXES.evidence.slice(0, -1), ids.consortiumId, ids.projectId, ids.fileId, fileName);
