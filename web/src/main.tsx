// The dashboard's entry: reads /config.json, finishes a sign-in coming back from Cognito, and shows
// the login or the signed-in app. Tokens stay in sessionStorage; the language in localStorage.
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApi } from './api/client';
import { finishSignIn, refresh, signOutUrl } from './auth/cognito';
import { loadConfig, type DashboardConfig } from './auth/config';
import { demoLogin } from './auth/local';
import { clearSession, readSession, saveSession, type Session } from './auth/session';
import { formatters, type Language } from './i18n/format';
import { initialLanguage, rememberLanguage } from './i18n/language';
import { translator } from './i18n/messages';
import { LoginPage } from './pages/login';
import { SignedIn } from './shell';

function Root({ config }: { config: DashboardConfig }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const [session, setSession] = useState<Session | undefined>(readSession);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const t = useMemo(() => translator(language), [language]);
  const f = useMemo(() => formatters(language), [language]);
  const setLanguage = (next: Language) => {
    rememberLanguage(next);
    setLanguageState(next);
  };
  useEffect(() => rememberLanguage(language), []);

  useEffect(() => {
    if (config.auth.kind !== 'cognito') return;
    finishSignIn(config.auth).then(
      (result) => {
        if (!result) return;
        saveSession(result.session);
        setSession(result.session);
        history.replaceState(null, '', result.back);
      },
      (error: Error) => setFailure(error.message),
    );
  }, []);

  const signIn = (next: Session) => {
    saveSession(next);
    setSession(next);
  };
  const signOut = () => {
    clearSession();
    setSession(undefined);
    if (config.auth.kind === 'cognito') location.assign(signOutUrl(config.auth));
  };

  const api = useMemo(
    () =>
      createApi({
        token: () => readSession()?.accessToken,
        renew: async () => {
          const current = readSession();
          let next: Session | undefined;
          if (current?.demoUser) next = await demoLogin(current.demoUser);
          else if (config.auth.kind === 'cognito' && current?.refreshToken) next = await refresh(config.auth, current.refreshToken);
          if (next) saveSession(next);
          return next?.accessToken;
        },
        signedOut: () => {
          clearSession();
          setSession(undefined);
        },
      }),
    [],
  );

  if (!session) return <LoginPage config={config} t={t} language={language} setLanguage={setLanguage} onSignIn={signIn} failure={failure} />;
  return <SignedIn api={api} t={t} f={f} language={language} setLanguage={setLanguage} signOut={signOut} />;
}

loadConfig().then(
  (config) => {
    const root = document.getElementById('app')!;
    root.textContent = ''; // the "loading" line of index.html
    render(<Root config={config} />, root);
  },
  (error: Error) => {
    document.getElementById('app')!.textContent = `Rete: ${error.message}`;
  },
);
