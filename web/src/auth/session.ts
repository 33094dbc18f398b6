// The signed-in session: tokens live in sessionStorage (gone with the tab), never in localStorage.
const KEY = 'rete.session';

export interface Session {
  accessToken: string;
  refreshToken?: string;
  /** Epoch millis after which the access token is no longer accepted. */
  expiresAt: number;
  /** Locally: the demo person chosen, so that an expired token can be renewed without asking. */
  demoUser?: string;
}

export function readSession(): Session | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
