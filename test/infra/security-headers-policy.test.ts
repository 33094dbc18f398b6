// CloudFront's typed security header settings carry exactly the shared headers; a header CloudFront
// has no setting for goes out as a custom header rather than being dropped.
import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { responseHeaders } from '../../infra/web/security-headers-policy';
import { securityHeaders } from '../../shared/api/security-headers';

describe('responseHeaders', () => {
  it('translates every shared header, overriding what an origin sends', () => {
    const headers = securityHeaders({ connect: ['https://signin.example'] });
    const { securityHeadersBehavior: behavior, customHeaders } = responseHeaders(headers);
    expect(customHeaders).toEqual([]);
    expect(behavior.contentSecurityPolicy).toEqual({ contentSecurityPolicy: headers['Content-Security-Policy'], override: true });
    expect(behavior.strictTransportSecurity?.accessControlMaxAge.toSeconds()).toBe(Duration.days(365).toSeconds());
    expect(behavior.strictTransportSecurity).toMatchObject({ includeSubdomains: true, preload: false, override: true });
    expect(behavior.contentTypeOptions).toEqual({ override: true });
    expect(behavior.frameOptions).toEqual({ frameOption: 'DENY', override: true });
    expect(behavior.referrerPolicy).toEqual({ referrerPolicy: 'no-referrer', override: true });
  });

  it('sends a header without a typed setting as a custom header', () => {
    expect(responseHeaders({ 'Permissions-Policy': 'camera=()' }).customHeaders).toEqual([
      { header: 'Permissions-Policy', value: 'camera=()', override: true },
    ]);
  });

  it('refuses an HSTS value without max-age', () => {
    expect(() => responseHeaders({ 'Strict-Transport-Security': 'includeSubDomains' })).toThrow(/max-age/);
  });
});
