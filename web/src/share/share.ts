// The share page: reads the token after `#` (never sent to a server by the browser), asks the API
// for the shared export in a request body, and lists its files with their download links. Its one
// call is typed from the OpenAPI document like the dashboard's (types only: this page stays small).
import type { PathOf } from '../api/client';
import type { components } from '../api/schema';

type SharedExport = components['schemas']['SharedExport'];
const SHARE_PATH = '/api/v1/share' satisfies PathOf<'post'>;

const labels = {
  it: { opening: 'Apertura del collegamento…', invalid: 'Questo collegamento non è valido: è scaduto, revocato o sconosciuto.', files: 'File del rapporto', hash: 'Impronta SHA-256 dei dati' },
  en: { opening: 'Opening the link…', invalid: 'This link is not valid: it has expired, been revoked or is unknown.', files: 'Files of the report', hash: 'SHA-256 of the data' },
};
type Language = keyof typeof labels;

const element = (id: string) => document.getElementById(id)!;
const status = element('status');
const token = location.hash.slice(1);
// Drop the token from the address bar, so that it is not shared further by accident.
history.replaceState(null, '', location.pathname);

async function open() {
  const language: Language = navigator.language.startsWith('it') ? 'it' : 'en';
  status.textContent = labels[language].opening;
  const body: components['schemas']['ShareOpen'] = { token };
  const response = await fetch(SHARE_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).catch(() => undefined);
  if (!response || !response.ok) {
    status.textContent = labels[language].invalid;
    status.className = 'error';
    return;
  }
  const shared = (await response.json()) as SharedExport;
  const text = labels[shared.export.language] ?? labels.en;
  document.documentElement.lang = shared.export.language;
  element('title').textContent = shared.project.title;
  status.textContent = text.files;
  const list = element('files');
  for (const file of shared.files) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = file.downloadUrl;
    link.textContent = `${file.name} (${new Intl.NumberFormat(shared.export.language).format(Math.ceil(file.size / 1024))} KB)`;
    item.append(link);
    list.append(item);
  }
  if (shared.export.snapshotSha256) {
    const hash = element('hash');
    hash.textContent = `${text.hash}: ${shared.export.snapshotSha256}`;
    hash.hidden = false;
  }
}

void open();

export {};
