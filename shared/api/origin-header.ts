// The header CloudFront adds to every request it forwards to the API, carrying a secret that the app
// checks (origin-check.ts). infra names it on the distribution's API origin: both read it from here.

/** Not `X-Amz-…` nor `X-Edge-…`, which CloudFront keeps for itself. */
export const ORIGIN_HEADER = 'X-Rete-Origin';
