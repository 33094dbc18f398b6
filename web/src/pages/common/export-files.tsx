// An export's files with their download links (valid five minutes: read on opening) and its hash.
import type { Export } from '../../api/types';
import { Loading } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { useApp } from '../../context';

type ExportWithLinks = Omit<Export, 'files'> & { files: (Export['files'][number] & { downloadUrl?: string })[] };

export function ExportFiles({ base, exportId }: { base: string; exportId: string }) {
  const { api, t, f } = useApp();
  const detail = useLoad(() => api.get<ExportWithLinks>(`${base}/exports/${exportId}`), [exportId]);
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
