// The edge as the settings shape it: a WAF web ACL and a custom domain (with its us-east-1 certificate)
// on the distribution only when given; CloudFront's standard logs where they can be delivered; the
// viewer's address in the API's access log; the dashboard's client without SRP.
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/api/app';
import type { AppDeps } from '../../shared/api/env';
import { synthRete } from './rete-app';

const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/rete-prod/473e64fd-f30b-4765-81a0-62ad96dd167a';
const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/8f1c2a7e-2f3b-4c1d-9e8f-0a1b2c3d4e5f';

type Templates = ReturnType<typeof synthRete>['templates'];
const only = (template: Template, type: string) => {
  const found = Object.values(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0]!;
};
const distributionOf = (templates: Templates) => only(templates.web, 'AWS::CloudFront::Distribution').Properties.DistributionConfig;
const acknowledged = (rete: ReturnType<typeof synthRete>) =>
  rete.stacks.web.distribution.node.metadata.flatMap((entry) => Object.keys((entry.data ?? {}) as object)).join(' ');

describe('by default', () => {
  let rete: ReturnType<typeof synthRete>;
  beforeAll(() => {
    rete = synthRete();
  });

  it('attaches no web ACL, and says why in the acknowledgement of cdk-nag', () => {
    expect(distributionOf(rete.templates).WebACLId).toBeUndefined();
    expect(acknowledged(rete)).toContain('AwsSolutions-CFR2');
  });

  it("serves the distribution's own name on CloudFront's certificate", () => {
    const distribution = distributionOf(rete.templates);
    expect(distribution.Aliases).toBeUndefined();
    expect(distribution.ViewerCertificate).toBeUndefined();
    expect(acknowledged(rete)).toContain('AwsSolutions-CFR4');
  });

  it("outputs the distribution's domain name, what a custom domain's DNS record points to", () => {
    expect(Object.keys(rete.templates.web.toJSON().Outputs)).toContain('DistributionDomainName');
  });

  it('gives the dashboard a client with refresh tokens and no SRP or password flow (the hosted sign-in does the rest)', () => {
    const client = only(rete.templates.web, 'AWS::Cognito::UserPoolClient').Properties;
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
  });

  it("logs the viewer's address in the API's access log (API Gateway takes it from CloudFront's X-Forwarded-For)", () => {
    const stage = only(rete.templates.api, 'AWS::ApiGatewayV2::Stage');
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format).toMatchObject({ ip: '$context.identity.sourceIp', requestId: '$context.requestId', route: '$context.routeKey' });
  });

  it('keeps query strings out of the access log: the path without its query, the route as registered', () => {
    const format = only(rete.templates.api, 'AWS::ApiGatewayV2::Stage').Properties.AccessLogSettings.Format as string;
    expect(format).toContain('$context.path');
    expect(format).not.toMatch(/querystring|\$request\.|rawQueryString/i);
  });

  it("gives every function, CDK's deploy-time helpers included, a log group with a retention", () => {
    const functions = Object.entries(rete.templates).flatMap(([concern, template]) =>
      Object.entries(template.findResources('AWS::Lambda::Function')).map(([id, fn]) => ({ concern, id, fn, groups: template.findResources('AWS::Logs::LogGroup') })),
    );
    expect(functions.length).toBeGreaterThanOrEqual(6);
    for (const { concern, id, fn, groups } of functions) {
      const group = groups[fn.Properties.LoggingConfig?.LogGroup?.Ref];
      expect(group?.Properties.RetentionInDays, `${concern} ${id}`).toBeGreaterThan(0);
    }
    for (const template of Object.values(rete.templates)) {
      for (const group of Object.values(template.findResources('AWS::Logs::LogGroup'))) expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
      template.resourceCountIs('Custom::LogRetention', 0);
    }
  });
});

describe('with a web ACL and a custom domain', () => {
  let rete: ReturnType<typeof synthRete>;
  beforeAll(() => {
    // Throws if cdk-nag reports a finding that is neither fixed nor acknowledged.
    rete = synthRete({ webAclArn: WEB_ACL, domainNames: ['rete.example.org', 'www.rete.example.org'], certificateArn: CERTIFICATE });
  });

  it('attaches the web ACL, with nothing left to acknowledge', () => {
    expect(distributionOf(rete.templates).WebACLId).toBe(WEB_ACL);
    expect(acknowledged(rete)).not.toContain('AwsSolutions-CFR2');
  });

  it('serves the domain names on their certificate, TLS 1.2 at least, with nothing left to acknowledge', () => {
    const distribution = distributionOf(rete.templates);
    expect(distribution.Aliases).toEqual(['rete.example.org', 'www.rete.example.org']);
    expect(distribution.ViewerCertificate).toEqual({ AcmCertificateArn: CERTIFICATE, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
    expect(acknowledged(rete)).not.toContain('AwsSolutions-CFR4');
  });

  it('makes the first domain name the origin of sign-in, links and uploads', () => {
    const client = only(rete.templates.web, 'AWS::Cognito::UserPoolClient').Properties;
    expect(client.CallbackURLs).toEqual(['https://rete.example.org/']);
    expect(client.LogoutURLs).toEqual(['https://rete.example.org/']);
    const api = only(rete.templates.api, 'AWS::Lambda::Function');
    expect(api.Properties.Environment.Variables.DASHBOARD_ORIGIN).toBe('https://rete.example.org');
    expect(rete.templates.web.toJSON().Outputs.DashboardUrl.Value).toBe('https://rete.example.org/');
  });
});

describe("CloudFront's standard logs", () => {
  it('go to the log bucket, without cookies, where CloudFront can deliver them', () => {
    const { templates } = synthRete({ region: 'eu-west-1' });
    const logging = distributionOf(templates).Logging;
    expect(logging).toMatchObject({ Prefix: 'cloudfront/', IncludeCookies: false });
    const [bucketId] = Object.entries(templates.web.findResources('AWS::S3::Bucket')).find(([, bucket]) => !bucket.Properties.LoggingConfiguration)!;
    expect(logging.Bucket).toEqual({ 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] });
  });

  it('hold query strings, so no route takes a credential in its query while they are on', async () => {
    // The legacy standard logs always record the query string. A route that needs one (the calendar
    // feed) must come with logs that leave it out (standard logging v2, us-east-1): this test says when.
    const document = await (await createApp({ store: { db: {} }, files: {} } as unknown as AppDeps).request('/api/openapi.json')).json();
    const queryParameters = Object.entries(document.paths as Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>).flatMap(
      ([path, operations]) =>
        Object.values(operations).flatMap((operation) => (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => `${path}?${parameter.name}`)),
    );
    expect(queryParameters.length).toBeGreaterThan(0);
    expect(queryParameters.filter((parameter) => /token|secret|key|signature|credential|password/i.test(parameter))).toEqual([]);
  });
});
