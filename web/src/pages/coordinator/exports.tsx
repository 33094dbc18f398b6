// Exports: ask for one, follow its progress, download its files, mark it as submitted to the
// funder, and create or revoke share links.
import { useEffect, useState } from 'preact/hooks';
import type { Export, ProjectOverview } from '../../api/types';
import { Field, Loading, Section, Status, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { useApp } from '../../context';
import { ExportFiles } from '../common/export-files';

const FORMATS = ['pdf', 'xlsx', 'csv', 'json', 'iati', '360giving'] as const;

type Format = Export['formats'][number];

export function ExportsTab({ overview }: { overview: ProjectOverview }) {
  const { api, consortiumId, t, f, language } = useApp();
  const ids = { consortiumId, projectId: overview.project.id };
  const list = useLoad(() => api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/exports', ids, { limit: 25 }), [ids.projectId]);
  const [formats, setFormats] = useState<Format[]>(['pdf', 'xlsx']);
  const [exportLanguage, setExportLanguage] = useState(language);
  const { busy, run, feedback } = useAction();
  // The export asked for here: its line says how it goes, and that it is ready once it is.
  const [asked, setAsked] = useState<string | undefined>(undefined);
  const askedNow = list.data?.items.find((e) => e.id === asked);
  const pending = list.data?.items.some((e) => e.status === 'queued' || e.status === 'running');
  // Follow the progress of running exports.
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(list.reload, 1500);
    return () => clearTimeout(timer);
  }, [list.data]);

  return (
    <>
      <Section title={t('export.create')}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              const created = await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/exports', ids, { formats, language: exportLanguage });
              setAsked(created.id);
              list.reload();
            });
          }}
        >
          <fieldset>
            <legend>{t('export.formats')}</legend>
            {FORMATS.map((format) => (
              <span class="checkbox" key={format}>
                <input
                  id={`format-${format}`}
                  type="checkbox"
                  checked={formats.includes(format)}
                  onChange={(e) => setFormats(e.currentTarget.checked ? [...formats, format] : formats.filter((x) => x !== format))}
                />
                <label for={`format-${format}`}>{format.toUpperCase()}</label>
              </span>
            ))}
          </fieldset>
          <Field label={t('export.language')}>
            {(id) => (
              <select id={id} value={exportLanguage} onChange={(e) => setExportLanguage(e.currentTarget.value as 'it' | 'en')}>
                <option value="it">Italiano</option>
                <option value="en">English</option>
              </select>
            )}
          </Field>
          <button type="submit" class="primary" disabled={busy || formats.length === 0}>{t('export.submitCreate')}</button>
          {feedback}
          <p role="status" class={askedNow?.status === 'failed' ? 'error' : 'ok'}>
            {!askedNow ? '' : askedNow.status === 'done' ? t('export.ready') : askedNow.status === 'failed' ? t('export.failed') : `${t('export.asked')} ${f.percent(askedNow.progress)}`}
          </p>
        </form>
      </Section>
      <Section title={t('export.list')}>
        <Loading state={list}>
          {(page) => page.items.length === 0 ? <p>{t('export.none')}</p> : (
            <ul class="cards">{page.items.map((e) => <ExportCard key={e.id} exported={e} reload={list.reload} />)}</ul>
          )}
        </Loading>
      </Section>
    </>
  );
}

function ExportCard({ exported, reload }: { exported: Export; reload(): void }) {
  const { api, consortiumId, t, f } = useApp();
  const [open, setOpen] = useState(false);
  const [shareUrl, setShareUrl] = useState<string | undefined>(undefined);
  const [linksRound, setLinksRound] = useState(0);
  const { busy, run, feedback } = useAction();
  const ids = { consortiumId, projectId: exported.projectId, exportId: exported.id };
  return (
    <li class="card" data-export={exported.id}>
      <h3>{exported.formats.map((x) => x.toUpperCase()).join(', ')} · {exported.language.toUpperCase()} · {f.instant(exported.createdAt)}</h3>
      <p>
        <Status of="exportStatus" value={exported.status} /> {exported.status === 'running' || exported.status === 'queued' ? f.percent(exported.progress) : null}
        {exported.submittedAt ? <> · <span class="status status-accepted"><span aria-hidden="true">✓ </span>{t('export.submittedOn', { date: f.instant(exported.submittedAt) })}</span></> : null}
      </p>
      {exported.status === 'failed' ? <p class="error">{exported.failureReason}</p> : null}
      {exported.status === 'done' ? (
        <div class="actions">
          <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? t('export.hideFiles') : t('export.showFiles')}</button>
          {!exported.submittedAt ? (
            <button type="button" disabled={busy} onClick={() => confirm(t('export.confirmSubmit')) && run(async () => { await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/exports/{exportId}/submission', ids, { version: exported.version }); reload(); })}>
              {t('export.markSubmitted')}
            </button>
          ) : null}
          <button
            type="button"
            disabled={busy}
            onClick={() => run(async () => {
              const created = await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/exports/{exportId}/share-links', ids, { expiresInDays: 30 });
              setShareUrl(created.url);
              setLinksRound(linksRound + 1);
            })}
          >
            {t('share.create')}
          </button>
        </div>
      ) : null}
      {feedback}
      {shareUrl ? (
        <Field label={t('share.url')} hint={t('share.once')}>
          {(id) => <input id={id} class="share-url" readOnly value={shareUrl} onFocus={(e) => e.currentTarget.select()} />}
        </Field>
      ) : null}
      {open ? <ExportFiles projectId={exported.projectId} exportId={exported.id} version={exported.version} /> : null}
      {exported.status === 'done' ? <ShareLinks ids={ids} round={linksRound} /> : null}
    </li>
  );
}

function ShareLinks({ ids, round }: { ids: { consortiumId: string; projectId: string; exportId: string }; round: number }) {
  const { api, t, f } = useApp();
  const links = useLoad(() => api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/exports/{exportId}/share-links', ids), [ids.exportId, round]);
  const { busy, run, feedback } = useAction();
  if (!links.data || links.data.items.length === 0) return null;
  return (
    <div class="share-links">
      <h4>{t('share.links')}</h4>
      <ul>
        {links.data.items.map((link) => (
          <li key={link.id}>
            {t('share.validUntil', { date: f.instant(link.validUntil) })} · {t('share.opens', { count: link.opens })}
            {link.revokedAt ? ` · ${t('share.revoked')}` : (
              <> <button type="button" disabled={busy} onClick={() => run(async () => { await api.del('/api/v1/consortia/{consortiumId}/projects/{projectId}/exports/{exportId}/share-links/{linkId}', { ...ids, linkId: link.id }, { version: link.version }); links.reload(); })}>{t('share.revoke')}</button></>
            )}
          </li>
        ))}
      </ul>
      {feedback}
    </div>
  );
}
