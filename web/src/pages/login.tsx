// Signing in: locally, one of the demo people; in production, Cognito's hosted sign-in page.
import { useState } from 'preact/hooks';
import { startSignIn } from '../auth/cognito';
import type { DashboardConfig } from '../auth/config';
import { demoLogin, demoUsers, type DemoUser } from '../auth/local';
import type { Session } from '../auth/session';
import { useLoad } from '../components/use-load';
import type { Language } from '../i18n/format';
import type { Translate } from '../i18n/messages';
import { LanguageSwitch } from '../components/language-switch';

interface Props {
  config: DashboardConfig;
  t: Translate;
  language: Language;
  setLanguage(language: Language): void;
  onSignIn(session: Session): void;
  failure?: string;
}

export function LoginPage({ config, t, language, setLanguage, onSignIn, failure }: Props) {
  return (
    <>
      <header class="topbar">
        <span class="brand">Rete</span>
        <LanguageSwitch t={t} language={language} setLanguage={setLanguage} />
      </header>
      <main id="main" class="login">
        <h1>{t('login.title')}</h1>
        <p>{t('login.intro')}</p>
        {failure ? <p class="error" role="alert">{failure}</p> : null}
        {config.auth.kind === 'cognito' ? (
          <button type="button" class="primary" onClick={() => config.auth.kind === 'cognito' && void startSignIn(config.auth)}>
            {t('login.cognito')}
          </button>
        ) : (
          <DemoLogin t={t} onSignIn={onSignIn} />
        )}
      </main>
    </>
  );
}

function DemoLogin({ t, onSignIn }: { t: Translate; onSignIn(session: Session): void }) {
  const users = useLoad(demoUsers);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  if (users.error) return <p class="error" role="alert">{users.error.message}</p>;
  if (!users.data) return <p role="status">{t('loading')}</p>;
  const byRole = (role: DemoUser['role']) => users.data!.filter((user) => user.role === role);
  // The person shown first (the first coordinator) is the one chosen until another is picked.
  const shown = chosen || (['coordinator', 'member', 'funder'] as const).flatMap(byRole)[0]?.id || '';
  return (
    <form
      class="card"
      onSubmit={(event) => {
        event.preventDefault();
        demoLogin(shown).then(onSignIn, (failure: Error) => setError(failure.message));
      }}
    >
      <div class="field">
        <label for="demo-user">{t('login.demoPerson')}</label>
        <select id="demo-user" value={shown} onChange={(event) => setChosen(event.currentTarget.value)}>
          {(['coordinator', 'member', 'funder'] as const).map((role) => (
            <optgroup key={role} label={t(`role.${role}`)}>
              {byRole(role).map((user) => <option key={user.id} value={user.id}>{user.name}</option>)}
            </optgroup>
          ))}
        </select>
      </div>
      {error ? <p class="error" role="alert">{error}</p> : null}
      <button type="submit" class="primary">{t('login.submit')}</button>
    </form>
  );
}
