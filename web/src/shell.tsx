// The signed-in app: reads who the person is (/api/v1/me), the consortium's directory, and shows
// the pages of their role with a navigation, the language switch and sign-out.
import { useState } from 'preact/hooks';
import { allPages, type Api } from './api/client';
import { LanguageSwitch } from './components/language-switch';
import { Link } from './components/ui';
import { useLoad } from './components/use-load';
import { glossary } from '../../shared/domain/glossary';
import { App, type AppContext } from './context';
import type { Formatters, Language } from './i18n/format';
import type { Translate } from './i18n/messages';
import { CoordinatorRoutes, coordinatorNav } from './pages/coordinator/routes';
import { FunderRoutes, funderNav } from './pages/funder/routes';
import { MemberRoutes, memberNav } from './pages/member/routes';
import { usePath } from './router';

interface Props {
  api: Api;
  t: Translate;
  f: Formatters;
  language: Language;
  setLanguage(language: Language): void;
  signOut(): void;
}

export function SignedIn({ api, t, f, language, setLanguage, signOut }: Props) {
  const path = usePath();
  const [chosen, setChosen] = useState(0);
  const me = useLoad(() => api.get('/api/v1/me', {}));
  const membership = me.data?.memberships[chosen];
  const consortiumId = membership?.consortium.id ?? '';
  // The directory as maps by id, built once per consortium rather than at every render.
  const directory = useLoad(async () => {
    if (!membership) return undefined;
    const [members, funders] = await Promise.all([
      allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/members', { consortiumId }, { limit: 100, cursor })),
      allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/funders', { consortiumId }, { limit: 100, cursor })),
    ]);
    return { members: byId(members), funders: byId(funders) };
  }, [consortiumId]);

  const header = (nav: { href: string; label: string }[]) => (
    <header class="topbar">
      <a class="skip" href="#main">{t('skip')}</a>
      <span class="brand">Rete{membership ? ` · ${membership.consortium.name}` : ''}</span>
      <nav aria-label={t('nav')}>
        <ul>
          {nav.map((item) => (
            <li key={item.href}>
              <Link href={item.href} aria-current={isCurrent(path, item.href) ? 'page' : undefined}>{item.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      {me.data && me.data.memberships.length > 1 ? (
        <div class="language">
          <label for="consortium">{t('consortium')}</label>
          <select id="consortium" value={chosen} onChange={(event) => setChosen(Number(event.currentTarget.value))}>
            {me.data.memberships.map((m, index) => <option key={m.consortium.id} value={index}>{m.consortium.name}</option>)}
          </select>
        </div>
      ) : null}
      <LanguageSwitch t={t} language={language} setLanguage={setLanguage} />
      {membership ? <span class="who">{membership.name} ({t(`role.${membership.role}`)})</span> : null}
      <button type="button" class="link-button" onClick={signOut}>{t('signOut')}</button>
    </header>
  );

  if (me.error) return <>{header([])}<main id="main"><p class="error" role="alert">{t('error')}: {me.error.message}</p></main></>;
  if (!me.data || (membership && !directory.data)) return <>{header([])}<main id="main"><p role="status">{t('loading')}</p></main></>;
  if (!membership) return <>{header([])}<main id="main"><h1>{t('noMembership.title')}</h1><p>{t('noMembership.text')}</p></main></>;

  const context: AppContext = {
    api, personId: me.data.personId, membership, consortiumId, language, setLanguage, t, words: glossary[language], f, signOut, ...directory.data!,
    reloadDirectory: directory.reload,
  };
  const nav = membership.role === 'coordinator' ? coordinatorNav(t) : membership.role === 'member' ? memberNav(t) : funderNav(t);
  return (
    <App.Provider value={context}>
      {header(nav)}
      <main id="main" tabIndex={-1}>
        {membership.role === 'coordinator' ? <CoordinatorRoutes path={path} /> : membership.role === 'member' ? <MemberRoutes path={path} /> : <FunderRoutes path={path} />}
      </main>
    </App.Provider>
  );
}

const isCurrent = (path: string, href: string) => (href === '/' ? path === '/' : path.startsWith(href));
const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]));
