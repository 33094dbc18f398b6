// The signed-in person's own data, for every role: what a copy holds, a button to ask for one, and
// their requests, with a download link once one is ready. While one is under way the list is read
// again every few seconds, and a ready link is renewed before it expires, as long as the page is open.
import { useState } from 'preact/hooks';
import type { PrivacyRequest } from '../../api/types';
import { Section, useAction } from '../../components/ui';
import { useLoad, useReloadAfter } from '../../components/use-load';
import { useApp } from '../../context';
import { RequestPages, RequestState, rereadIn } from './privacy-request';

export function MyDataPage() {
  const { api, t } = useApp();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const list = useLoad(() => api.get('/api/v1/me/data', {}, { limit: 25, cursor }), [cursor]);
  useReloadAfter(list, rereadIn(list.data?.items));
  const { busy, run, feedback } = useAction();
  // The request asked for here: a line says how it goes, and that it is ready once it is.
  const [asked, setAsked] = useState<string | undefined>(undefined);
  const askedNow = list.data?.items.find((request) => request.id === asked);
  return (
    <>
      <h1>{t('nav.myData')}</h1>
      <p>{t('myData.intro')}</p>
      <p>{t('myData.file')}</p>
      <div class="actions">
        <button
          type="button"
          class="primary"
          disabled={busy}
          onClick={() => run(async () => {
            const created = await api.post('/api/v1/me/data', {}, {});
            setAsked(created.id);
            setCursor(undefined);
            list.reload();
          })}
        >
          {t('myData.ask')}
        </button>
      </div>
      {feedback}
      <p role="status" class={askedNow?.status === 'failed' ? 'error' : 'ok'}>
        {!askedNow ? '' : askedNow.status === 'done' ? t('myData.ready') : askedNow.status === 'failed' ? t('myData.failed') : t('myData.asked')}
      </p>
      <Section title={t('myData.requests')}>
        <RequestPages list={list} cursor={cursor} setCursor={setCursor} none={t('myData.none')} card={(request) => <MyRequest key={request.id} request={request} />} />
      </Section>
    </>
  );
}

function MyRequest({ request }: { request: PrivacyRequest }) {
  const { t, f } = useApp();
  return (
    <li class="card" data-request={request.id}>
      <h3>{t('myData.copy')}</h3>
      <RequestState request={request} />
      {request.download ? (
        <p>
          <a href={request.download.url} download={`rete-personal-data-${request.id}.json`}>{t('privacy.download')}</a>{' '}
          <span class="muted">({t('privacy.validUntil', { date: f.instant(request.download.expiresAt) })})</span>
        </p>
      ) : null}
    </li>
  );
}
