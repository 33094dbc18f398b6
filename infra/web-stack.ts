// The front door, everything a browser reaches on one origin: CloudFront serving the dashboard from a
// private bucket and routing /api/* to the HTTP API with the origin header the API checks, the HTTP
// API itself, and the dashboard's Cognito app client. The API's function,
// routes and stage come later in the api stack, so the client can name the distribution's domain
// without a cycle (and the stage's per-route throttles can name routes that exist).
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as EdgeFunction,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { OAuthScope, UserPoolClient, UserPoolClientIdentityProvider, type UserPool, type UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { ORIGIN_HEADER } from '../shared/api/origin-header';
import { logBucket } from './constructs/log-bucket';
import { DashboardFiles } from './web/dashboard-files';
import { FilesBucketCors } from './web/files-bucket-cors';
import { securityHeadersPolicy } from './web/security-headers-policy';

export interface WebStackProps extends StackProps {
  userPool: UserPool;
  signInDomain: UserPoolDomain;
  /** Receives presigned uploads from the dashboard: it gets a CORS rule for this distribution's origin. */
  filesBucket: IBucket;
  /** The dashboard's files: `dist/web` in the app, a stand-in in template tests. */
  dashboardDir: string;
  /**
   * The SSM parameter holding the origin secrets (comma-separated): CloudFront sends the first in
   * ORIGIN_HEADER. Unset (development only): no header, and the API checks nothing.
   */
  originSecretsParameter?: string;
  /** A WAF web ACL of scope CLOUDFRONT (created in us-east-1) to attach; unset, none. */
  webAclArn?: string;
  /** The dashboard's own domain names, the first being its origin, and their ACM certificate in us-east-1. */
  customDomain?: { domainNames: string[]; certificateArn: string };
}

/**
 * Regions whose buckets CloudFront's standard logs cannot reach (opt-in regions, Milan among them):
 * there the API's access logs and the dashboard bucket's server access logs have to do.
 */
const NO_CLOUDFRONT_LOG_DELIVERY = new Set([
  'af-south-1', 'ap-east-1', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-4', 'ca-west-1',
  'eu-central-2', 'eu-south-1', 'eu-south-2', 'il-central-1', 'me-central-1', 'me-south-1',
]);

export const cloudFrontLogsReach = (region: string) => !NO_CLOUDFRONT_LOG_DELIVERY.has(region);

export class WebStack extends Stack {
  readonly httpApi: HttpApi;
  readonly client: UserPoolClient;
  readonly distribution: Distribution;
  /** https://<first custom domain name, or the distribution's domain>: the dashboard's and the API's one origin. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    this.httpApi = new HttpApi(this, 'Api', { description: 'Rete API (behind CloudFront at /api/*)', createDefaultStage: false });
    // For the smoke check's origin check (`--outputs-file`): a direct call here must be refused.
    new CfnOutput(this, 'ApiEndpoint', { value: this.httpApi.apiEndpoint });

    // The dashboard's files, and the logs of who fetched them.
    // CloudFront's standard logs (where they can be delivered) come with ACLs.
    const logs = logBucket(this, 'Logs', { objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED });
    const dashboardBucket = new Bucket(this, 'Dashboard', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'dashboard/',
      // Built from dist/web on every deploy: nothing in it is worth keeping.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const logsReach = cloudFrontLogsReach(this.region);
    const signIn = props.signInDomain.baseUrl();
    const filesEndpoint = `https://${props.filesBucket.bucketRegionalDomainName}`;
    const headers = securityHeadersPolicy(this, 'SecurityHeaders', { connect: [signIn, filesEndpoint], formAction: [signIn] });
    const dashboardRoutes = new EdgeFunction(this, 'DashboardRoutes', {
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromFile({ filePath: join(import.meta.dirname, 'web', 'dashboard-routes.js') }),
      comment: 'Rete: dashboard paths get index.html (single-page app), /share gets share.html',
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Rete: the dashboard at /, the API at /api/*',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      webAclId: props.webAclArn,
      ...(props.customDomain
        ? {
            domainNames: props.customDomain.domainNames,
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(logsReach ? { enableLogging: true, logBucket: logs, logFilePrefix: 'cloudfront/', logIncludesCookies: false } : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(dashboardBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: dashboardRoutes, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(`${this.httpApi.apiId}.execute-api.${this.region}.amazonaws.com`, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            // The parameter's value is resolved by CloudFormation at each deploy, in this stack (and
            // again in the api stack): the secret never travels as a cross-stack export.
            customHeaders: props.originSecretsParameter
              ? { [ORIGIN_HEADER]: Fn.select(0, Fn.split(',', StringParameter.valueForStringParameter(this, props.originSecretsParameter))) }
              : undefined,
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Every viewer header (Authorization, Idempotency-Key, …) but Host, which API Gateway needs to be its own.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });
    this.origin = `https://${props.customDomain?.domainNames[0] ?? this.distribution.distributionDomainName}`;
    new CfnOutput(this, 'DashboardUrl', { value: `${this.origin}/` });
    // What each custom domain name's DNS record (CNAME, or a Route 53 alias) points to.
    new CfnOutput(this, 'DistributionDomainName', { value: this.distribution.distributionDomainName });
    if (!logsReach) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR3',
        reason: `CloudFront cannot deliver standard logs to a bucket in ${this.region}; the API stage logs every /api request and the dashboard bucket logs every file CloudFront fetches`,
      });
    }
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: "Consortia's people and funders work from anywhere (travel, foreign partners): no country is refused",
      },
    );
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'No web ACL unless the stage sets webAclArn: CloudFront\'s flat-rate plans (the free one too) include WAF with a web ACL to give there; ' +
          'without one, every API route but the share link and the OpenAPI document needs a token, and the stage and the open routes are throttled',
      });
    }
    if (!props.customDomain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: 'On the default *.cloudfront.net certificate CloudFront sets the minimum TLS version itself; a custom domain (domainNames, certificateArn) requires TLSv1.2_2021',
      });
    }

    this.client = new UserPoolClient(this, 'DashboardClient', {
      userPool: props.userPool,
      // A browser app keeps no secret: authorization code with PKCE.
      generateSecret: false,
      // The hosted sign-in's authorization code with PKCE needs no flow of the client's own (no SRP, no
      // password): this leaves ALLOW_REFRESH_TOKEN_AUTH alone, which the dashboard's refresh uses.
      authFlows: { userSrp: false },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [`${this.origin}/`],
        logoutUrls: [`${this.origin}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });


    new DashboardFiles(this, 'DashboardFiles', {
      bucket: dashboardBucket,
      distribution: this.distribution,
      dashboardDir: props.dashboardDir,
      // The dashboard reads its sign-in settings at start: the same build runs everywhere.
      config: {
        auth: {
          kind: 'cognito',
          domain: signIn,
          clientId: this.client.userPoolClientId,
          redirectUri: `${this.origin}/`,
          logoutUri: `${this.origin}/`,
          scopes: ['openid', 'email'],
        },
        region: this.region,
      },
    });

    // The files bucket (data stack, deployed first) learns the dashboard's origin here.
    new FilesBucketCors(this, 'FilesBucketCors', { bucket: props.filesBucket, origin: this.origin });
  }
}
