// The code behind /api/*: the API function (the Hono app) and its routes on the web stack's HTTP API.
// Every route needs a Cognito access token except opening a share link, which carries its own secret.
import { Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { HttpAuthorizer, HttpMethod, HttpRoute, HttpRouteKey, type IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ReteFunction, type MailBinding } from './constructs/rete-function';

export interface ApiStackProps extends StackProps {
  table: ITableV2;
  filesBucket: IBucket;
  userPool: IUserPool;
  httpApi: IHttpApi;
  authorizerId: string;
  clientId: string;
  exportQueue: IQueue;
  mail: MailBinding;
  dashboardOrigin: string;
  bundlesDir: string;
}

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
    const authorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'AccessTokens', {
      authorizerId: props.authorizerId,
      authorizerType: 'JWT',
    });
    new HttpRoute(this, 'Authenticated', {
      httpApi: props.httpApi,
      routeKey: HttpRouteKey.with('/api/{proxy+}', HttpMethod.ANY),
      integration,
      authorizer,
    });
    for (const route of PUBLIC_ROUTES) {
      const open = new HttpRoute(this, `Public ${route.method} ${route.path}`, {
        httpApi: props.httpApi,
        routeKey: HttpRouteKey.with(route.path, route.method),
        integration,
      });
      Validations.of(open).acknowledge({ id: 'AwsSolutions-APIG4', reason: route.reason });
    }
  }
}
