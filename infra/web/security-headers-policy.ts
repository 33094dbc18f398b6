// CloudFront's response headers policy with the very values the local runtime sends
// (shared/api/security-headers.ts), translated into CloudFront's typed settings.
import { Duration } from 'aws-cdk-lib';
import {
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
  type ResponseCustomHeader,
  type ResponseSecurityHeadersBehavior,
} from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { securityHeaders, type DashboardOrigins } from '../../shared/api/security-headers';

/** CloudFront has a typed setting per security header; other headers go out as custom headers. */
export function responseHeaders(headers: Record<string, string>): {
  securityHeadersBehavior: ResponseSecurityHeadersBehavior;
  customHeaders: ResponseCustomHeader[];
} {
  const customHeaders: ResponseCustomHeader[] = [];
  const behavior: { -readonly [K in keyof ResponseSecurityHeadersBehavior]: ResponseSecurityHeadersBehavior[K] } = {};
  for (const [name, value] of Object.entries(headers)) {
    switch (name) {
      case 'Content-Security-Policy':
        behavior.contentSecurityPolicy = { contentSecurityPolicy: value, override: true };
        break;
      case 'Strict-Transport-Security': {
        const maxAge = /max-age=(\d+)/.exec(value);
        if (!maxAge) throw new Error(`Strict-Transport-Security without max-age: ${value}`);
        behavior.strictTransportSecurity = {
          accessControlMaxAge: Duration.seconds(Number(maxAge[1])),
          includeSubdomains: /includeSubDomains/i.test(value),
          preload: /preload/i.test(value),
          override: true,
        };
        break;
      }
      case 'X-Content-Type-Options':
        if (value !== 'nosniff') throw new Error(`X-Content-Type-Options ${value} is not nosniff`);
        behavior.contentTypeOptions = { override: true };
        break;
      case 'X-Frame-Options':
        behavior.frameOptions = { frameOption: value === 'DENY' ? HeadersFrameOption.DENY : HeadersFrameOption.SAMEORIGIN, override: true };
        break;
      case 'Referrer-Policy':
        behavior.referrerPolicy = { referrerPolicy: value as HeadersReferrerPolicy, override: true };
        break;
      default:
        customHeaders.push({ header: name, value, override: true });
    }
  }
  return { securityHeadersBehavior: behavior, customHeaders };
}

export function securityHeadersPolicy(scope: Construct, id: string, origins: DashboardOrigins): ResponseHeadersPolicy {
  const { securityHeadersBehavior, customHeaders } = responseHeaders(securityHeaders(origins));
  return new ResponseHeadersPolicy(scope, id, {
    comment: 'Rete: the security headers of shared/api/security-headers.ts',
    securityHeadersBehavior,
    customHeadersBehavior: customHeaders.length > 0 ? { customHeaders } : undefined,
  });
}
