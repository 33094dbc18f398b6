// The consortium's personal data, for its coordinators: the requests (copies of a person's data,
// erasures) with their progress, the erasure register, and forms to erase someone who never signs
// in, or to export or erase a person by id (one already removed is known by the audit trail).
import { useState } from 'preact/hooks';
import { allPages } from '../../api/client';
import type { Erasure, PrivacyRequest } from '../../api/types';
import { useErasureConfirmation } from '../../components/confirm-erasure';
import { TableWrap } from '../../components/table-wrap';
import { Field, Loading, Section, useAction } from '../../components/ui';
import { useLoad, useReloadAfter } from '../../components/use-load';
import { useApp } from '../../context';
import { RequestPages, RequestState, rereadIn } from '../common/privacy-request';
import { PersonPrivacyActions, usePrivacyRequest } from './person-privacy';

export function PrivacyPage() {
  const { api, consortiumId, t } = useApp();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const requests = useLoad(() => api.get('/api/v1/consortia/{consortiumId}/privacy/requests', { consortiumId }, { limit: 25, cursor }), [cursor]);
  useReloadAfter(requests, rereadIn(requests.data?.items));
  // The register gains an entry as an erasure's job runs: read again when one finishes.
  const erased = requests.data?.items.filter((request) => request.kind === 'erasure' && (request.status === 'done' || request.status === 'failed')).length;
  const register = useLoad(() => api.get('/api/v1/consortia/{consortiumId}/privacy/erasures', { consortiumId }), [erased]);
  // People are named by the consortium's directory; someone no longer in it shows as their id.
  const people = useLoad(() => allPages((next) => api.get('/api/v1/consortia/{consortiumId}/people', { consortiumId }, { limit: 100, cursor: next })));
  const names = new Map((people.data ?? []).map((person) => [person.id, person.name]));
  const asked = () => {
    setCursor(undefined);
    requests.reload();
  };
  return (
    <>
      <h1>{t('nav.privacy')}</h1>
      <p>{t('privacy.intro')}</p>
      <Section title={t('privacy.eraseNamed')}>
        <EraseNamed onAsked={asked} />
      </Section>
      <Section title={t('privacy.byId')}>
        <ById onAsked={asked} />
      </Section>
      <Section title={t('privacy.requests')}>
        <RequestPages
          list={requests}
          cursor={cursor}
          setCursor={setCursor}
          none={t('privacy.none')}
          card={(request) => <RequestCard key={request.id} request={request} names={names} />}
        />
      </Section>
      <Section title={t('privacy.register')} id="register">
        <p class="muted">{t('privacy.registerHint')}</p>
        <Loading state={register}>{(list) => <Register items={list.items} names={names} />}</Loading>
      </Section>
    </>
  );
}

function EraseNamed({ onAsked }: { onAsked(): void }) {
  const { t } = useApp();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const action = useAction(['name', 'email']);
  const ask = usePrivacyRequest(action, {
    follow: false,
    onAsked: () => {
      setName('');
      setEmail('');
      onAsked();
    },
  });
  const confirmation = useErasureConfirmation(name.trim(), () => void ask({ kind: 'erasure', name, ...(email.trim() ? { email: email.trim() } : {}) }));
  return (
    <form class="form-grid" onSubmit={(event) => { event.preventDefault(); confirmation.ask(); }}>
      <p class="wide-row muted">{t('privacy.eraseNamedHint')}</p>
      <Field label={t('privacy.name')} error={action.errors.name}>
        {(id, aria) => <input id={id} {...aria} required autocomplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />}
      </Field>
      <Field label={t('privacy.email')} error={action.errors.email}>
        {(id, aria) => <input id={id} {...aria} type="email" autocomplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
      </Field>
      <button type="submit" class="danger" disabled={action.busy}>{t('privacy.erase')}</button>
      {action.feedback}
      {confirmation.dialog}
    </form>
  );
}

function ById({ onAsked }: { onAsked(): void }) {
  const { t } = useApp();
  const [personId, setPersonId] = useState('');
  const action = useAction(['personId']);
  const ask = usePrivacyRequest(action, { follow: false, onAsked: () => { setPersonId(''); onAsked(); } });
  const [form, setForm] = useState<HTMLFormElement | null>(null);
  return (
    <form class="form-grid" ref={setForm} onSubmit={(event) => event.preventDefault()}>
      <Field label={t('privacy.personId')} hint={t('privacy.byIdHint')} error={action.errors.personId}>
        {(id, aria) => <input id={id} {...aria} required autocomplete="off" spellcheck={false} value={personId} onInput={(e) => setPersonId(e.currentTarget.value)} />}
      </Field>
      <PersonPrivacyActions personId={personId.trim()} who={personId.trim()} action={action} ask={ask} ready={() => form?.reportValidity() ?? false} />
      {action.feedback}
    </form>
  );
}

function RequestCard({ request, names }: { request: PrivacyRequest; names: Map<string, string> }) {
  const { api, consortiumId, t } = useApp();
  const { busy, run, feedback } = useAction();
  const name = request.personId ? names.get(request.personId) : undefined;
  // The list carries no link: the request, read again, answers a fresh one.
  const download = () => run(async () => {
    const fresh = await api.get('/api/v1/consortia/{consortiumId}/privacy/requests/{requestId}', { consortiumId, requestId: request.id });
    if (fresh.download) location.assign(fresh.download.url);
  });
  return (
    <li class="card" data-request={request.id}>
      <h3>{t(`privacy.kind.${request.kind}`)} · {name ?? (request.personId ? <code>{request.personId}</code> : t('privacy.named'))}</h3>
      {name ? <p class="muted">{t('privacy.personId')}: <code>{request.personId}</code></p> : null}
      {request.pseudonym ? <p>{t('privacy.pseudonym')}: <code>{request.pseudonym}</code></p> : null}
      <RequestState request={request} />
      {request.kind === 'export' && request.status === 'done' ? (
        <div class="actions"><button type="button" disabled={busy} onClick={() => void download()}>{t('privacy.download')}</button></div>
      ) : null}
      {feedback}
    </li>
  );
}

function Register({ items, names }: { items: Erasure[]; names: Map<string, string> }) {
  const { t, f } = useApp();
  if (items.length === 0) return <p>{t('privacy.registerNone')}</p>;
  return (
    <TableWrap label={t('privacy.register')}>
      <table>
        <thead>
          <tr><th scope="col">{t('privacy.at')}</th><th scope="col">{t('privacy.pseudonym')}</th><th scope="col">{t('privacy.person')}</th><th scope="col">{t('privacy.by')}</th></tr>
        </thead>
        <tbody>
          {items.map((erasure) => (
            <tr key={erasure.id} data-erasure={erasure.id}>
              <td>{f.instant(erasure.at)}</td>
              <th scope="row"><code>{erasure.pseudonym}</code></th>
              <td>{erasure.personId ? <code>{erasure.personId}</code> : t('privacy.named')}</td>
              <td>{names.get(erasure.by) ?? <code>{erasure.by}</code>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
