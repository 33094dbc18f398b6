// The whole installation's templates, synthesized once with cdk-nag's checks: the invariants the
// deploy issue asks for, least privilege for every function, and cdk-nag passing with reasons.
import { Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULED_JOBS, SEALER_STREAM } from '../../infra/jobs-stack';
import { cloudFrontLogsReach } from '../../infra/web-stack';
import { THROTTLE_DEFAULTS } from '../../infra/settings';
import { ORIGIN_HEADER } from '../../shared/api/origin-header';
import { PUBLIC_OPERATIONS } from '../../shared/api/policy';
import { securityHeaders } from '../../shared/api/security-headers';
import { actionsOf, allowStatements, isJobs, isSealer, isWorker, type Resource } from './policies';
import { ORIGIN_SECRETS_PARAMETER, synthRete } from './rete-app';
type Rete = ReturnType<typeof synthRete>;

let rete: Rete;
let templates: Rete['templates'];

beforeAll(() => {
  // Throws if cdk-nag reports a violation that is not acknowledged.
  rete = synthRete();
  templates = rete.templates;
});

const resources = (template: Template, type: string) => Object.values(template.findResources(type)) as Resource[];
const only = (template: Template, type: string) => {
  const found = resources(template, type);
  expect(found).toHaveLength(1);
  return found[0]!;
};
/** The app's own functions: the api and jobs stacks hold them (the web stack only CDK's deploy-time helpers). */
const appFunctions = () => [templates.api, templates.jobs].flatMap((template) => resources(template, 'AWS::Lambda::Function'));

describe('cdk-nag', () => {
  it('passes every stack: each finding is fixed or acknowledged (the synth throws otherwise)', () => {
    expect(rete.assembly.stacks).toHaveLength(6);
  });

  it('gives a reason for every acknowledgement', () => {
    const acknowledgements = rete.app.node
      .findAll()
      .flatMap((node) => node.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    expect(acknowledgements.length).toBeGreaterThan(10);
    for (const [id, reason] of acknowledgements) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(reason.length, id).toBeGreaterThan(20);
    }
  });
});

describe('functions', () => {
  it('deploys the api, export-worker, jobs and sealer bundles', () => {
    expect(appFunctions()).toHaveLength(4);
    expect(resources(templates.api, 'AWS::Lambda::Function')).toHaveLength(1);
    expect(resources(templates.jobs, 'AWS::Lambda::Function')).toHaveLength(3);
  });

  it('run Node.js 24 on arm64 with their own log group', () => {
    for (const fn of appFunctions()) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
  });

  it('keep their logs for a month (the API stage keeps its access logs for three)', () => {
    for (const template of [templates.api, templates.jobs]) {
      const groups = template.findResources('AWS::Logs::LogGroup');
      for (const fn of resources(template, 'AWS::Lambda::Function')) {
        expect(groups[fn.Properties.LoggingConfig.LogGroup.Ref]?.Properties.RetentionInDays).toBe(30);
      }
    }
    const stage = only(templates.api, 'AWS::ApiGatewayV2::Stage');
    const accessLogs = templates.api.findResources('AWS::Logs::LogGroup')[stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0]];
    expect(accessLogs?.Properties.RetentionInDays).toBe(90);
  });

  it('give the api the configuration its handler reads', () => {
    const api = only(templates.api, 'AWS::Lambda::Function');
    expect(Object.keys(api.Properties.Environment.Variables).sort()).toEqual(
      ['AUTH_CLIENT_ID', 'COGNITO_USER_POOL_ID', 'DASHBOARD_ORIGIN', 'EXPORT_QUEUE_URL', 'FILES_BUCKET', 'MAIL_CONFIGURATION_SET', 'MAIL_FROM', 'METRICS_NAMESPACE', 'ORIGIN_SECRETS', 'TABLE_NAME'].sort(),
    );
    expect(api.Properties.Environment.Variables.MAIL_FROM).toBe('Rete <rete@example.org>');
    expect(api.Properties.Environment.Variables.METRICS_NAMESPACE).toBe('Rete/test');
  });

  it('give the worker the table, the bucket and the user pool, the jobs the table, queue, sender, configuration set and dashboard, and the sealer the table only', () => {
    const variables = resources(templates.jobs, 'AWS::Lambda::Function').map((fn) => Object.keys(fn.Properties.Environment.Variables).sort());
    expect(variables.sort()).toEqual([
      ['DASHBOARD_ORIGIN', 'EXPORT_QUEUE_URL', 'MAIL_CONFIGURATION_SET', 'MAIL_FROM', 'TABLE_NAME'],
      ['FILES_BUCKET', 'TABLE_NAME', 'USER_POOL_ID'],
      ['TABLE_NAME'],
    ]);
  });

  it("give the worker the auth stack's user pool id as USER_POOL_ID (an erasure deletes sign-in identities from it)", () => {
    const worker = resources(templates.jobs, 'AWS::Lambda::Function').find(isWorker)!;
    const imported = worker.Properties.Environment.Variables.USER_POOL_ID['Fn::ImportValue'] as string;
    const outputs = Object.values(templates.auth.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>);
    const exported = outputs.find((output) => output.Export?.Name === imported);
    expect(exported?.Value).toEqual({ Ref: Object.keys(templates.auth.findResources('AWS::Cognito::UserPool'))[0] });
  });
});

describe('least privilege', () => {
  const statements = () => allowStatements(templates);
  /** Services whose actions touch Rete's data or send on its behalf. */
  const DATA_SERVICES = ['dynamodb', 's3', 'sqs', 'ses', 'sns', 'cognito-idp', 'lambda', 'kms'];

  it('finds policies to check', () => {
    expect(statements().length).toBeGreaterThan(10);
  });

  it('never allows the action *, dynamodb:* or s3:*', () => {
    for (const { where, actions } of statements()) {
      for (const action of actions) expect(['*', 'dynamodb:*', 's3:*'], where).not.toContain(action);
    }
  });

  it('never allows a data action on the resource *', () => {
    for (const { where, actions, resources: targets } of statements()) {
      if (!targets.includes('*')) continue;
      const dataActions = actions.filter((action) => DATA_SERVICES.includes(action.split(':')[0]!));
      expect(dataActions, where).toEqual([]);
    }
  });

  it('lets the api use the store, the files, the export queue, SES and inviting people, and nothing to Scan', () => {
    const actions = actionsOf(templates.api, () => true);
    for (const action of ['dynamodb:Query', 's3:PutObject', 's3:GetObject', 'sqs:SendMessage', 'ses:SendEmail', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser']) {
      expect(actions).toContain(action);
    }
    expect(actions).not.toContain('dynamodb:Scan');
    expect([...actions].filter((action) => action.startsWith('cognito-idp:')).sort()).toEqual(['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser']);
  });

  it('lets the export worker use the store and the files, but not send mail or enqueue', () => {
    const actions = actionsOf(templates.jobs, isWorker);
    expect(actions).toContain('s3:PutObject');
    expect(actions).toContain('sqs:ReceiveMessage');
    for (const action of ['ses:SendEmail', 'sqs:SendMessage', 'cognito-idp:AdminCreateUser']) expect(actions).not.toContain(action);
  });

  it('lets the scheduled jobs use the store, enqueue exports and send mail, but not touch the files', () => {
    const actions = actionsOf(templates.jobs, isJobs);
    for (const action of ['dynamodb:Query', 'sqs:SendMessage', 'ses:SendEmail']) expect(actions).toContain(action);
    expect([...actions].filter((action) => action.startsWith('s3:'))).toEqual([]);
  });

  it('lets the sealer use the table and its stream, and send to its dead-letter queue only: no files, mail, identities or exports', () => {
    const actions = actionsOf(templates.jobs, isSealer);
    for (const action of ['dynamodb:Query', 'dynamodb:GetRecords', 'sqs:SendMessage']) expect(actions).toContain(action);
    expect([...actions].filter((action) => /^(s3|ses|cognito-idp|sns|lambda|kms):/.test(action))).toEqual([]);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).not.toContain('sqs:ReceiveMessage');
  });

  it('scopes sending mail to the sender identity and the configuration set', () => {
    for (const { actions, resources: targets } of statements()) {
      if (!actions.includes('ses:SendEmail')) continue;
      for (const target of targets) expect(JSON.stringify(target)).toMatch(/:identity\/|:configuration-set\//);
    }
  });
});

describe('data and auth', () => {
  it('keeps point-in-time recovery, deletion protection and retention on the table', () => {
    const table = only(templates.data, 'AWS::DynamoDB::GlobalTable');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties.Replicas[0]).toMatchObject({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it('retains every bucket of data or logs; only the rebuilt dashboard bucket may go', () => {
    for (const bucket of resources(templates.data, 'AWS::S3::Bucket')) expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('has a user pool of invited people who sign in with their email', () => {
    const pool = only(templates.auth, 'AWS::Cognito::UserPool');
    expect(pool.Properties.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(pool.Properties.UsernameAttributes).toEqual(['email']);
    expect(pool.Properties.Policies.PasswordPolicy).toMatchObject({ MinimumLength: 12, RequireSymbols: true });
    expect(pool.Properties.DeletionProtection).toBe('ACTIVE');
    expect(pool.DeletionPolicy).toBe('Retain');
  });

  it('keeps roles out of Cognito: no groups', () => {
    templates.auth.resourceCountIs('AWS::Cognito::UserPoolGroup', 0);
  });

  it('gives the hosted sign-in a domain', () => {
    only(templates.auth, 'AWS::Cognito::UserPoolDomain');
  });

  it('turns on threat protection (the Plus plan) and offers authenticator-app MFA', () => {
    const pool = only(templates.auth, 'AWS::Cognito::UserPool').Properties;
    expect(pool.UserPoolTier).toBe('PLUS');
    expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('outputs what the admin commands and the first sign-in need', () => {
    expect(Object.keys(templates.data.toJSON().Outputs)).toEqual(expect.arrayContaining(['TableName', 'FilesBucketName']));
    expect(Object.keys(templates.auth.toJSON().Outputs)).toContain('UserPoolId');
    expect(Object.keys(templates.web.toJSON().Outputs)).toContain('DashboardUrl');
  });
});

describe('api', () => {
  const routes = () => resources(templates.api, 'AWS::ApiGatewayV2::Route');

  it('routes everything under /api to the app, which checks the token itself: no API Gateway authorizer', () => {
    const keys = routes().map((route) => route.Properties.RouteKey);
    // The public operations have routes of their own for their own throttles (below).
    expect(keys).toEqual(['ANY /api/{proxy+}', ...Object.values(PUBLIC_OPERATIONS).map((path) => `POST /api/v1${path}`), 'GET /api/openapi.json']);
    for (const route of routes()) expect(route.Properties.AuthorizationType ?? 'NONE', route.Properties.RouteKey).toBe('NONE');
    // An authorizer answers its own 401 body; the app answers problem+json like everywhere else.
    templates.web.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    templates.api.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    const fn = Object.values(templates.api.findResources('AWS::Lambda::Function')).find((resource) => resource.Properties.Environment?.Variables?.AUTH_CLIENT_ID);
    expect(fn, 'the API function knows the client whose tokens it accepts').toBeDefined();
  });

  it('throttles the stage, logs every request and deploys routes automatically', () => {
    templates.web.resourceCountIs('AWS::ApiGatewayV2::Stage', 0);
    const stage = only(templates.api, 'AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true });
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(stage.Properties.AccessLogSettings.DestinationArn).toBeDefined();
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });
});

describe('the public routes', () => {
  const stage = () => only(templates.api, 'AWS::ApiGatewayV2::Stage');

  it('have their own throttle each, lower than the one every other route shares', () => {
    const { DefaultRouteSettings: shared, RouteSettings: own } = stage().Properties;
    expect(Object.keys(own).sort()).toEqual(['GET /api/openapi.json', 'POST /api/v1/share']);
    for (const settings of Object.values(own) as { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }[]) {
      expect(settings).toEqual({ ThrottlingRateLimit: THROTTLE_DEFAULTS.publicRouteRateLimit, ThrottlingBurstLimit: THROTTLE_DEFAULTS.publicRouteBurstLimit });
      expect(settings.ThrottlingRateLimit).toBeLessThan(shared.ThrottlingRateLimit);
      expect(settings.ThrottlingBurstLimit).toBeLessThan(shared.ThrottlingBurstLimit);
    }
  });

  it('exist before the stage that names them (API Gateway refuses settings for a missing route)', () => {
    const routeIds = Object.keys(templates.api.findResources('AWS::ApiGatewayV2::Route'));
    const stages = Object.values(templates.api.findResources('AWS::ApiGatewayV2::Stage'));
    expect([...stages[0]!.DependsOn].sort()).toEqual(expect.arrayContaining(routeIds.sort()));
  });
});

describe('the origin check', () => {
  /** The template's SSM-typed parameter that CloudFormation resolves to the origin secrets at deploy. */
  const secretsParameter = (template: Template) => {
    const parameters = Object.entries(template.toJSON().Parameters as Record<string, { Type: string; Default: string }>).filter(
      ([, parameter]) => parameter.Default === ORIGIN_SECRETS_PARAMETER,
    );
    expect(parameters).toHaveLength(1);
    expect(parameters[0]![1].Type).toBe('AWS::SSM::Parameter::Value<String>');
    return parameters[0]![0];
  };

  it("gives CloudFront's API origin the header with the first secret, resolved at deploy", () => {
    const distribution = only(templates.web, 'AWS::CloudFront::Distribution').Properties.DistributionConfig;
    const apiOriginId = distribution.CacheBehaviors[0].TargetOriginId;
    const apiOrigin = distribution.Origins.find((origin: { Id: string }) => origin.Id === apiOriginId);
    expect(apiOrigin.OriginCustomHeaders).toEqual([
      { HeaderName: ORIGIN_HEADER, HeaderValue: { 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: secretsParameter(templates.web) }] }] } },
    ]);
    const dashboardOrigin = distribution.Origins.find((origin: { Id: string }) => origin.Id !== apiOriginId);
    expect(dashboardOrigin.OriginCustomHeaders).toBeUndefined();
  });

  it('gives the api function every accepted secret, resolved at deploy', () => {
    const api = only(templates.api, 'AWS::Lambda::Function');
    expect(api.Properties.Environment.Variables.ORIGIN_SECRETS).toEqual({ Ref: secretsParameter(templates.api) });
  });

  it('never passes the secrets from stack to stack, where an export would show them', () => {
    for (const template of Object.values(templates)) {
      const outputs = JSON.stringify(template.toJSON().Outputs ?? {});
      expect(outputs).not.toContain('SsmParameterValue');
    }
  });

  it("outputs the HTTP API's own endpoint, for the smoke check's direct call", () => {
    expect(Object.keys(templates.web.toJSON().Outputs)).toContain('ApiEndpoint');
  });
});

describe('web', () => {
  const distribution = () => only(templates.web, 'AWS::CloudFront::Distribution').Properties.DistributionConfig;

  it('serves the dashboard bucket through origin access control', () => {
    only(templates.web, 'AWS::CloudFront::OriginAccessControl');
    const s3Origin = distribution().Origins.find((origin: Record<string, unknown>) => origin.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
  });

  it('routes /api/* to the HTTP API uncached, with every viewer header but Host', () => {
    const behaviors = distribution().CacheBehaviors;
    expect(behaviors).toHaveLength(1);
    const api = behaviors[0];
    expect(api).toMatchObject({
      PathPattern: '/api/*',
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    });
    const origin = distribution().Origins.find((candidate: { Id: string }) => candidate.Id === api.TargetOriginId);
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    expect(JSON.stringify(origin.DomainName)).toContain('.execute-api.eu-south-1.amazonaws.com');
  });

  it('falls back to index.html through a function on the dashboard only, never by rewriting errors', () => {
    expect(distribution().CustomErrorResponses).toBeUndefined();
    expect(distribution().DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^DashboardRoutes/), 'FunctionARN'] } },
    ]);
    expect(distribution().CacheBehaviors[0].FunctionAssociations).toBeUndefined();
  });

  it('sends the security headers of shared/api/security-headers.ts on the dashboard and the API', () => {
    const policies = templates.web.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const [policyId, policy] = Object.entries(policies)[0]!;
    expect(Object.keys(policies)).toHaveLength(1);
    expect(distribution().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    expect(distribution().CacheBehaviors[0].ResponseHeadersPolicyId).toEqual({ Ref: policyId });

    const config = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const expected = securityHeaders();
    expect(config.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true });
    expect(expected['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
    expect(config.FrameOptions).toEqual({ FrameOption: expected['X-Frame-Options'], Override: true });
    expect(config.ReferrerPolicy).toEqual({ ReferrerPolicy: expected['Referrer-Policy'], Override: true });
    expect(config.ContentTypeOptions).toEqual({ Override: true });

    // The CSP is the shared one, with the sign-in domain and the files bucket added where they belong.
    const csp = config.ContentSecurityPolicy.ContentSecurityPolicy['Fn::Join'][1]
      .map((part: unknown) => (typeof part === 'string' ? part : '<ref>'))
      .join('');
    expect(csp).toBe(
      securityHeaders({
        connect: ['https://<ref>.auth.eu-south-1.amazoncognito.com', 'https://<ref>'],
        formAction: ['https://<ref>.auth.eu-south-1.amazoncognito.com'],
      })['Content-Security-Policy'],
    );
  });

  it('logs viewer requests where CloudFront can deliver its logs, and says why not in Milan', () => {
    expect(cloudFrontLogsReach('eu-west-1')).toBe(true);
    expect(cloudFrontLogsReach('eu-south-1')).toBe(false);
    expect(distribution().Logging).toBeUndefined();
    const distributionNode = rete.stacks.web.distribution.node;
    const acknowledged = distributionNode.metadata.flatMap((entry) => Object.keys((entry.data ?? {}) as object));
    expect(acknowledged.some((id) => id.includes('AwsSolutions-CFR3'))).toBe(true);
  });

  it("logs what CloudFront fetches from the dashboard bucket", () => {
    const dashboard = resources(templates.web, 'AWS::S3::Bucket').find((bucket) => bucket.Properties.LoggingConfiguration);
    expect(dashboard?.Properties.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'dashboard/' });
  });

  it('gives the dashboard a public client with the authorization code flow, back to the distribution', () => {
    const client = only(templates.web, 'AWS::Cognito::UserPoolClient').Properties;
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      SupportedIdentityProviders: ['COGNITO'],
    });
    const distributionId = Object.keys(templates.web.findResources('AWS::CloudFront::Distribution'))[0];
    const origin = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] };
    expect(client.CallbackURLs).toEqual([origin]);
    expect(client.LogoutURLs).toEqual([origin]);
  });

  it("writes config.json with the Cognito settings the dashboard reads", () => {
    const deployment = only(templates.web, 'Custom::CDKBucketDeployment').Properties;
    // Two sources, dist/web and config.json, whose tokens CloudFormation fills in at deploy time.
    expect(deployment.SourceObjectKeys).toHaveLength(2);
    expect(JSON.stringify(deployment.SourceMarkers)).toContain('DashboardClient');
    // The JSON source is staged as an asset with its tokens as markers: check the staged file.
    const staged = rete.assembly.directory;
    const configs = readdirSync(staged)
      .filter((name) => name.startsWith('asset.') && statSync(join(staged, name)).isDirectory())
      .map((name) => join(staged, name, 'config.json'))
      .filter((path) => statSync(path, { throwIfNoEntry: false })?.isFile());
    expect(configs).toHaveLength(1);
    const config = JSON.parse(readFileSync(configs[0]!, 'utf8'));
    expect(config.region).toBe('eu-south-1');
    expect(config.auth).toMatchObject({ kind: 'cognito', scopes: ['openid', 'email'] });
    for (const key of ['domain', 'clientId', 'redirectUri', 'logoutUri']) expect(typeof config.auth[key]).toBe('string');
  });

  it("allows presigned uploads to the files bucket from the distribution's origin only", () => {
    const cors = only(templates.web, 'Custom::AWS').Properties;
    const distributionId = Object.keys(templates.web.findResources('AWS::CloudFront::Distribution'))[0]!;
    // The call is JSON joined with references: name each reference, then read it.
    const call = JSON.parse(
      cors.Create['Fn::Join'][1]
        .map((part: unknown) => (typeof part === 'string' ? part : JSON.stringify(part).includes(distributionId) ? '<distribution>' : '<ref>'))
        .join(''),
    );
    expect(call).toMatchObject({ service: 'S3', action: 'putBucketCors', parameters: { Bucket: '<ref>' } });
    expect(call.parameters.CORSConfiguration.CORSRules).toEqual([
      expect.objectContaining({ AllowedOrigins: ['https://<distribution>'], AllowedMethods: ['GET', 'HEAD', 'POST', 'PUT'] }),
    ]);
  });
});

describe('jobs', () => {
  it('feeds the export worker from a queue that gives up into a dead-letter queue', () => {
    const queues = templates.jobs.findResources('AWS::SQS::Queue');
    const withRedrive = Object.values(queues).filter((queue) => queue.Properties.RedrivePolicy);
    expect(withRedrive).toHaveLength(1);
    expect(withRedrive[0]!.Properties.RedrivePolicy.maxReceiveCount).toBe(3);
    const mappings = resources(templates.jobs, 'AWS::Lambda::EventSourceMapping').filter((mapping) => JSON.stringify(mapping.Properties.EventSourceArn).includes('ExportQueue'));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]!.Properties).toMatchObject({ BatchSize: 1, FunctionResponseTypes: ['ReportBatchItemFailures'] });
  });

  it('encrypts its queues and refuses requests without TLS', () => {
    for (const queue of resources(templates.jobs, 'AWS::SQS::Queue')) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    expect(resources(templates.jobs, 'AWS::SQS::QueuePolicy').length).toBeGreaterThanOrEqual(3);
  });

  it('schedules every job with its own input, retries and a dead-letter queue: the sweep every 5 minutes, the others hourly', () => {
    const schedules = resources(templates.jobs, 'AWS::Scheduler::Schedule');
    const byJob = Object.fromEntries(schedules.map((schedule) => [JSON.parse(schedule.Properties.Target.Input).job, schedule.Properties]));
    expect(Object.keys(byJob).sort()).toEqual(Object.keys(SCHEDULED_JOBS).sort());
    expect(Object.keys(byJob).sort()).toEqual(['reporting-schedules', 'seal-sweep', 'weekly-digest']);
    expect(byJob['reporting-schedules'].ScheduleExpression).toBe('rate(1 hour)');
    expect(byJob['weekly-digest'].ScheduleExpression).toBe('rate(1 hour)');
    expect(byJob['seal-sweep'].ScheduleExpression).toBe('rate(5 minutes)');
    expect(JSON.parse(byJob['seal-sweep'].Target.Input)).toEqual({ job: 'seal-sweep' });
    const deadLetters = new Set(schedules.map((schedule) => JSON.stringify(schedule.Properties.Target.DeadLetterConfig.Arn)));
    expect(deadLetters.size).toBe(1);
    for (const schedule of schedules) {
      expect(schedule.Properties.Target.DeadLetterConfig.Arn).toBeDefined();
      expect(schedule.Properties.Target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 3 });
    }
    // A sweep not delivered within its 5 minutes is given up: the next one does its work.
    expect(byJob['seal-sweep'].Target.RetryPolicy.MaximumEventAgeInSeconds).toBe(300);
    expect(byJob['weekly-digest'].Target.RetryPolicy.MaximumEventAgeInSeconds).toBe(3600);
  });

  it('outputs the jobs function name, for running the sweep by hand', () => {
    const output = templates.jobs.toJSON().Outputs.JobsFunctionName;
    const jobsId = Object.entries(templates.jobs.findResources('AWS::Lambda::Function')).find(([, fn]) => isJobs(fn as Resource))![0];
    expect(output.Value).toEqual({ Ref: jobsId });
  });

  it('sends a failed scheduled run to a dead-letter queue', () => {
    const config = only(templates.jobs, 'AWS::Lambda::EventInvokeConfig').Properties;
    expect(config.MaximumRetryAttempts).toBe(2);
    const jobs = resources(templates.jobs, 'AWS::Lambda::Function').find((fn) => fn.Properties.DeadLetterConfig);
    expect(jobs?.Properties.DeadLetterConfig.TargetArn).toBeDefined();
  });

});

describe('the sealer', () => {
  const functionId = () => Object.entries(templates.jobs.findResources('AWS::Lambda::Function')).find(([, fn]) => isSealer(fn as Resource))![0];
  const mapping = () => {
    const found = resources(templates.jobs, 'AWS::Lambda::EventSourceMapping').filter((candidate) => JSON.stringify(candidate.Properties.EventSourceArn).includes('StreamArn'));
    expect(found).toHaveLength(1);
    return found[0]!.Properties;
  };

  it("turns the table's stream on, with the new image (all the sealer reads)", () => {
    const table = only(templates.data, 'AWS::DynamoDB::GlobalTable');
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
  });

  it("triggers the sealer from the table's stream, from the oldest record kept", () => {
    expect(mapping().FunctionName).toEqual({ Ref: functionId() });
    expect(JSON.stringify(mapping().EventSourceArn)).toMatch(/rete-test-data:ExportsOutputFnGetAttTable\w*StreamArn/);
    expect(mapping().StartingPosition).toBe('TRIM_HORIZON');
  });

  it('is given only new audit events', () => {
    const filters = mapping().FilterCriteria.Filters;
    expect(filters).toHaveLength(1);
    expect(JSON.parse(filters[0].Pattern)).toEqual({ eventName: ['INSERT'], dynamodb: { NewImage: { itemType: { S: ['AuditEvent'] } } } });
  });

  it("retries only a failed chain's records (partial batch responses), splits a failing batch, and gives up after bounded retries and age", () => {
    expect(mapping()).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: SEALER_STREAM.retryAttempts,
      MaximumRecordAgeInSeconds: SEALER_STREAM.maxRecordAge.toSeconds(),
    });
    expect(SEALER_STREAM.retryAttempts).toBeGreaterThan(0);
    expect(SEALER_STREAM.retryAttempts).toBeLessThanOrEqual(10);
    expect(mapping().MaximumRecordAgeInSeconds).toBeLessThanOrEqual(3600);
  });

  it('reads each shard in order, in batches handed over at once (no batching window)', () => {
    expect(mapping()).toMatchObject({ ParallelizationFactor: 1, BatchSize: 100, MaximumBatchingWindowInSeconds: 0 });
  });

  it('sends what it gave up on to an encrypted dead-letter queue of its own', () => {
    const destination = mapping().DestinationConfig.OnFailure.Destination;
    const queueId = destination['Fn::GetAtt'][0];
    expect(queueId).toMatch(/^SealerDeadLetters/);
    const queue = templates.jobs.findResources('AWS::SQS::Queue')[queueId]!;
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    // The queue of the scheduled runs is another one.
    const jobs = resources(templates.jobs, 'AWS::Lambda::Function').find(isJobs)!;
    expect(JSON.stringify(jobs.Properties.DeadLetterConfig)).not.toContain(queueId);
  });

  it('runs Node.js 24 on arm64 with its own log group and the table as its only configuration', () => {
    const sealer = resources(templates.jobs, 'AWS::Lambda::Function').find(isSealer)!;
    expect(sealer.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
    expect(Object.keys(sealer.Properties.Environment.Variables)).toEqual(['TABLE_NAME']);
  });
});

describe('alarms', () => {
  const alarms = () => resources(templates.alarms, 'AWS::CloudWatch::Alarm');
  const describing = (text: string) => alarms().filter((alarm) => alarm.Properties.AlarmDescription.includes(text));

  it('watch API 5xx answers', () => {
    expect(describing('5xx')).toHaveLength(1);
    expect(describing('5xx')[0]!.Properties).toMatchObject({ MetricName: '5xx', Namespace: 'AWS/ApiGateway' });
  });

  it('watch errors and throttles of each function', () => {
    for (const name of ['Api', 'ExportWorker', 'Jobs', 'Sealer']) {
      expect(describing(`the ${name} function failed`)[0]!.Properties.MetricName).toBe('Errors');
      expect(describing(`the ${name} function was throttled`)[0]!.Properties.MetricName).toBe('Throttles');
    }
  });

  it('watch every dead-letter queue', () => {
    const deadLetterAlarms = alarms().filter((alarm) => alarm.Properties.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(deadLetterAlarms).toHaveLength(3);
    expect(resources(templates.jobs, 'AWS::SQS::Queue').filter((queue) => !queue.Properties.RedrivePolicy)).toHaveLength(3);
  });

  it('watch DynamoDB throttling', () => {
    const throttles = describing('DynamoDB throttled')[0]!;
    expect(JSON.stringify(throttles.Properties.Metrics)).toContain('ThrottledRequests');
  });

  it('all notify the alarms topic, which mails the given address', () => {
    const topicId = Object.keys(templates.alarms.findResources('AWS::SNS::Topic'))[0];
    for (const alarm of alarms()) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    templates.alarms.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
  });
});
