// The dashboard's runtime configuration, read from /config.json at start: how people sign in.
export interface LocalAuth {
  kind: 'local';
}

export interface CognitoAuth {
  kind: 'cognito';
  /** The hosted UI's domain, e.g. https://<prefix>.auth.<region>.amazoncognito.com */
  domain: string;
  clientId: string;
  redirectUri: string;
  logoutUri: string;
  scopes: string[];
}

export interface DashboardConfig {
  auth: LocalAuth | CognitoAuth;
  region?: string;
}

export async function loadConfig(): Promise<DashboardConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  return (await response.json()) as DashboardConfig;
}
