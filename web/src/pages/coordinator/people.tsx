// People of the consortium: invite one, change a role, remove a membership; ask for a copy of a
// person's data, or erase them (followed on the personal data page).
import { useState } from 'preact/hooks';
import { allPages } from '../../api/client';
import type { Person, Role } from '../../api/types';
import { Field, Loading, Section, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { useApp, type AppContext } from '../../context';
import { PersonPrivacyActions, usePrivacyRequest } from './person-privacy';

const ROLES: Role[] = ['coordinator', 'member', 'funder'];

function RolePicker({ app, role, link, onRole, onLink, idPrefix }: { app: AppContext; role: Role; link: string; onRole(role: Role): void; onLink(id: string): void; idPrefix: string }) {
  const { t } = app;
  const options = role === 'member' ? [...app.members.values()] : role === 'funder' ? [...app.funders.values()] : [];
  return (
    <>
      <div class="field">
        <label for={`${idPrefix}-role`}>{t('people.role')}</label>
        <select id={`${idPrefix}-role`} value={role} onChange={(e) => onRole(e.currentTarget.value as Role)}>
          {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
        </select>
      </div>
      {role !== 'coordinator' ? (
        <div class="field">
          <label for={`${idPrefix}-link`}>{role === 'member' ? t('member') : t('funder')}</label>
          <select id={`${idPrefix}-link`} value={link} onChange={(e) => onLink(e.currentTarget.value)}>
            <option value="">—</option>
            {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </div>
      ) : null}
    </>
  );
}

const linkOf = (role: Role, link: string) =>
  role === 'member' ? { memberId: link || undefined, funderId: null } : role === 'funder' ? { funderId: link || undefined, memberId: null } : { memberId: null, funderId: null };

export function PeoplePage() {
  const app = useApp();
  const { api, consortiumId, t } = app;
  const people = useLoad(() => allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/people', { consortiumId }, { limit: 100, cursor })));
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<'it' | 'en'>('it');
  const [role, setRole] = useState<Role>('member');
  const [link, setLink] = useState('');
  const { busy, run, feedback, errorOf } = useAction(['name', 'email']);
  return (
    <>
      <h1>{t('nav.people')}</h1>
      <Section title={t('people.invite')}>
        <form
          class="form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            const { memberId, funderId } = linkOf(role, link);
            void run(async () => {
              await api.post('/api/v1/consortia/{consortiumId}/people', { consortiumId }, { email, name, language, role, ...(memberId ? { memberId } : {}), ...(funderId ? { funderId } : {}) });
              setEmail(''); setName('');
              people.reload();
            }, t('people.invited'));
          }}
        >
          <Field label={t('people.name')} error={errorOf('name')}>{(id, described) => <input id={id} {...described} required value={name} onInput={(e) => setName(e.currentTarget.value)} />}</Field>
          <Field label={t('people.email')} error={errorOf('email')}>{(id, described) => <input id={id} {...described} type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}</Field>
          <Field label={t('language')}>
            {(id) => <select id={id} value={language} onChange={(e) => setLanguage(e.currentTarget.value as 'it' | 'en')}><option value="it">Italiano</option><option value="en">English</option></select>}
          </Field>
          <RolePicker app={app} role={role} link={link} onRole={(r) => { setRole(r); setLink(''); }} onLink={setLink} idPrefix="invite" />
          <button type="submit" class="primary" disabled={busy}>{t('people.inviteSubmit')}</button>
          {feedback}
        </form>
      </Section>
      <Section title={t('people.list')}>
        <Loading state={people}>
          {(items) => <ul class="cards">{items.map((person) => <PersonCard key={person.id} person={person} reload={people.reload} />)}</ul>}
        </Loading>
      </Section>
    </>
  );
}

function PersonCard({ person, reload }: { person: Person; reload(): void }) {
  const app = useApp();
  const { api, consortiumId, t, personId } = app;
  const [role, setRole] = useState<Role>(person.role);
  const [link, setLink] = useState(person.memberId ?? person.funderId ?? '');
  const { busy, run, feedback } = useAction();
  const privacy = useAction();
  const ask = usePrivacyRequest(privacy, { follow: true });
  const ids = { consortiumId, personId: person.id };
  const placedAt = person.memberId ? app.members.get(person.memberId)?.name : person.funderId ? app.funders.get(person.funderId)?.name : undefined;
  return (
    <li class="card">
      <h3>{person.name}</h3>
      <p>{person.email} · {t(`role.${person.role}`)}{placedAt ? ` · ${placedAt}` : ''}</p>
      {person.id === personId ? <p class="muted">{t('people.you')}</p> : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => { await api.patch('/api/v1/consortia/{consortiumId}/people/{personId}', ids, { role, ...linkOf(role, link), version: person.version }); reload(); }, t('saved'));
          }}
        >
          <RolePicker app={app} role={role} link={link} onRole={(r) => { setRole(r); setLink(''); }} onLink={setLink} idPrefix={`person-${person.id}`} />
          <div class="actions">
            <button type="submit" disabled={busy}>{t('people.changeRole')}</button>
            <button
              type="button"
              class="danger"
              disabled={busy}
              onClick={() => confirm(t('people.confirmRemove', { name: person.name })) && run(async () => { await api.del('/api/v1/consortia/{consortiumId}/people/{personId}', ids, { version: person.version }); reload(); })}
            >
              {t('people.remove')}
            </button>
          </div>
          {feedback}
        </form>
      )}
      {person.id === personId ? null : (
        <>
          <PersonPrivacyActions personId={person.id} who={person.name} action={privacy} ask={ask} />
          {privacy.feedback}
        </>
      )}
    </li>
  );
}
