// Links the API hands out: absolute links to the dashboard (in mails and share links), and how long download links live.
import type { AppDeps } from './env';

/** Download links live five minutes: long enough to click, short enough not to be shared. */
export const DOWNLOAD_LINK_SECONDS = 300;

/** The configured dashboard origin, or (locally, where API and dashboard share it) the request's. */
export const dashboardOrigin = (deps: Pick<AppDeps, 'dashboardOrigin'>, requestUrl: string): string =>
  deps.dashboardOrigin ?? new URL(requestUrl).origin;
