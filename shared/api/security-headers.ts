// The security headers of every response and the dashboard's content security policy. The local
// runtime sets them through the app; in production CloudFront's response headers policy sets the
// same values (infra reads them from here), so both places cannot drift apart.

export interface DashboardOrigins {
  /** Where the dashboard may also connect: the Cognito domain (token endpoint), the files bucket (presigned uploads). */
  connect?: string[];
  /** Where forms may post: the Cognito domain (hosted sign-in). */
  formAction?: string[];
}

/** No inline script or style anywhere: the dashboard and the share page load their own files only. */
export function contentSecurityPolicy(origins: DashboardOrigins = {}): string {
  const list = (...sources: (string | undefined)[]) => sources.filter(Boolean).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${list("'self'", ...(origins.connect ?? []))}`,
    `form-action ${list("'self'", ...(origins.formAction ?? []))}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** One year, subdomains included; sent only over HTTPS (CloudFront), browsers ignore it on http://localhost. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/** The headers on every response, API and static files alike. */
export function securityHeaders(origins: DashboardOrigins = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(origins),
    'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  };
}
