// An export's files with their download links (valid five minutes: read on opening) and its hash.
import { Loading } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { useApp } from '../../context';

/** `version` reads the files again when the export changes (marked as submitted, its files move). */
export function ExportFiles({ projectId, exportId, version }: { projectId: string; exportId: string; version: number }) {
  const { api, consortiumId, t, f } = useApp();
  const detail = useLoad(() => api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/exports/{exportId}', { consortiumId, projectId, exportId }), [exportId, version]);
  return (
    <Loading state={detail}>
      {(exported) => (
        <div class="export-files">
          <ul>
            {exported.files.map((file) => (
              <li key={file.name}>
                {file.downloadUrl ? <a href={file.downloadUrl} download={file.name}>{file.name}</a> : file.name} ({f.number(Math.ceil(file.size / 1024))} KB)
              </li>
            ))}
          </ul>
          {exported.snapshot ? <p class="hash">{t('export.hash')}: <code>{exported.snapshot.sha256}</code></p> : null}
        </div>
      )}
    </Loading>
  );
}
