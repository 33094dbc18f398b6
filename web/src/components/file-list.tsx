// Evidence or cost documents as a list: a link opens as it is; an uploaded file opens through a
// short-lived link asked of the route of the record that owns it.
import type { Evidence } from '../api/types';
import { useApp } from '../context';

/** `files` is the owner's route of its files: `…/deliverables/{id}/evidence` or `…/costs/{id}/documents`. */
export function FileList({ items, files }: { items: Evidence[]; files: string }) {
  const { api, t } = useApp();
  const open = async (fileId: string) => {
    const { downloadUrl } = await api.get<{ downloadUrl: string }>(`${files}/${fileId}`);
    location.assign(downloadUrl);
  };
  return (
    <ul>
      {items.map((item, index) => (
        <li key={index}>
          {'url' in item ? <a href={item.url} rel="noreferrer">{item.title ?? item.url}</a> : (
            <button type="button" class="link-button" title={t('file.download')} onClick={() => void open(item.fileId)}>{item.title ?? item.name}</button>
          )}
        </li>
      ))}
    </ul>
  );
}
