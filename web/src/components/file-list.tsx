// Evidence or cost documents as a list: a link opens as it is; an uploaded file opens through a
// short-lived link asked of the route of the record that owns it.
import type { Evidence } from '../api/types';

/** `link` asks the owner's route for a file's download link (`…/evidence/{fileId}` or `…/documents/{fileId}`). */
export function FileList({ items, link, downloadLabel }: { items: Evidence[]; link(fileId: string): Promise<{ downloadUrl: string }>; downloadLabel: string }) {
  const open = async (fileId: string) => location.assign((await link(fileId)).downloadUrl);
  return (
    <ul>
      {items.map((item, index) => (
        <li key={index}>
          {'url' in item ? <a href={item.url} rel="noreferrer">{item.title ?? item.url}</a> : (
            <button type="button" class="link-button" title={downloadLabel} onClick={() => void open(item.fileId)}>{item.title ?? item.name}</button>
          )}
        </li>
      ))}
    </ul>
  );
}
