// The code behind /api/*: the API function (the Hono app), its routes on the web stack's HTTP API, and
// the stage that serves them (throttling, access logs). Every route needs a Cognito access token except
// opening a share link, which carries its own secret, and the OpenAPI document; those two have their
// own, lower throttle, so that one client hammering them does not throttle everybody.
import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  type CfnStage,
  type IHttpApi,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { ReteFunction, type MailBinding } from './constructs/rete-function';

export interface ApiStackProps extends StackProps {
  table: ITableV2;
  filesBucket: IBucket;
  userPool: IUserPool;
  httpApi: IHttpApi;
  clientId: string;
  exportQueue: IQueue;
  mail: MailBinding;
  dashboardOrigin: string;
  bundlesDir: string;
  /** The CloudWatch namespace of the API's per-route metrics (from its request log), e.g. `Rete/prod`. */
  metricsNamespace: string;
  /**
   * The SSM parameter holding the origin secrets (comma-separated, CloudFront's first): all of them
   * reach the function as ORIGIN_SECRETS. Unset (development only): the API checks no origin.
   */
  originSecretsParameter?: string;
  /** Requests per second every route shares, steadily and in a burst, before API Gateway answers 429. */
  throttle: Required<ThrottleSettings>;
  /** Each public route's own throttle, lower than the stage's. */
  publicRouteThrottle: Required<ThrottleSettings>;
}

/** One JSON line per API request, in HTTP API's own variables (no bodies, no tokens). */
const API_ACCESS_LOG = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  method: '$context.httpMethod',
  route: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  bytes: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
};

/**
 * The only routes without a token, more specific than /api/{proxy+}, so they win: the app's
 * PUBLIC_OPERATIONS, and the API's description (read by the smoke check and by people writing scripts).
 */
export const PUBLIC_ROUTES = [
  {
    method: HttpMethod.POST,
    path: '/api/v1/share',
    reason: 'Opening a share link needs no account by design: the 256-bit token in the body is the credential, checked by the app',
  },
  {
    method: HttpMethod.GET,
    path: '/api/openapi.json',
    reason: "The API's OpenAPI document is public: it describes routes and schemas and holds no data",
  },
] as const;

export class ApiStack extends Stack {
  readonly api: ReteFunction;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    this.api = new ReteFunction(this, 'Api', {
      name: 'api',
      bundlesDir: props.bundlesDir,
      description: 'Rete: the API (Hono) behind CloudFront /api/*',
      // More memory is also more CPU: shorter cold starts for the interactive path.
      memorySize: 1024,
      // API Gateway gives up after 30 s.
      timeout: Duration.seconds(29),
      environment: {
        COGNITO_USER_POOL_ID: props.userPool.userPoolId,
        AUTH_CLIENT_ID: props.clientId,
        EXPORT_QUEUE_URL: props.exportQueue.queueUrl,
        DASHBOARD_ORIGIN: props.dashboardOrigin,
        METRICS_NAMESPACE: props.metricsNamespace,
        // Resolved by CloudFormation at each deploy, not fetched at cold start.
        ...(props.originSecretsParameter ? { ORIGIN_SECRETS: StringParameter.valueForStringParameter(this, props.originSecretsParameter) } : {}),
      },
    })
      .bindTable(props.table)
      .bindFiles(props.filesBucket)
      .bindMail(props.mail);
    const fn = this.api.function;
    props.exportQueue.grantSendMessages(fn);
    // Inviting a person creates (or finds) their Cognito user.
    props.userPool.grant(fn, 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser');

    const integration = new HttpLambdaIntegration('App', fn);
    // No API Gateway authorizer: the app verifies every token itself (shared/auth/verifier.ts:
    // signature, issuer, client, use, expiry) before any route, so that a refusal is problem+json
    // like every other answer, and the origin check already refuses what did not come through CloudFront.
    const authenticated = new HttpRoute(this, 'Authenticated', {
      httpApi: props.httpApi,
      routeKey: HttpRouteKey.with('/api/{proxy+}', HttpMethod.ANY),
      integration,
    });
    Validations.of(authenticated).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'The app verifies the Cognito access token of every request itself before any route (signature, issuer, client, token use, expiry) and answers 401 problem+json; an API Gateway JWT authorizer would answer a body of its own',
    });
    const open = PUBLIC_ROUTES.map((route) => {
      const created = new HttpRoute(this, `Public ${route.method} ${route.path}`, {
        httpApi: props.httpApi,
        routeKey: HttpRouteKey.with(route.path, route.method),
        integration,
      });
      Validations.of(created).acknowledge({ id: 'AwsSolutions-APIG4', reason: route.reason });
      return created;
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    const stage = new HttpStage(this, 'Stage', {
      httpApi: props.httpApi,
      stageName: '$default',
      // Deploys the routes whenever they change.
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: AccessLogFormat.custom(JSON.stringify(API_ACCESS_LOG)) },
    });
    // A route's settings replace the stage's default ones for that route. API Gateway refuses settings
    // for a route that does not exist yet: the stage comes after its routes.
    const { rateLimit, burstLimit } = props.publicRouteThrottle;
    (stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
      PUBLIC_ROUTES.map((route) => [`${route.method} ${route.path}`, { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit }]),
    );
    stage.node.addDependency(authenticated, ...open);
  }
}
