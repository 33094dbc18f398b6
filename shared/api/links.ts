// Absolute links to the dashboard, in mails and share links.
import type { AppDeps } from './env';

/** The configured dashboard origin, or (locally, where API and dashboard share it) the request's. */
export const dashboardOrigin = (deps: Pick<AppDeps, 'dashboardOrigin'>, requestUrl: string): string =>
  deps.dashboardOrigin ?? new URL(requestUrl).origin;
