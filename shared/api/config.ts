// The API's configuration, parsed once at start from the environment; a bad value fails fast.
import type { Jwks } from 'aws-jwt-verify/jwk';
import { z } from 'zod';

const ApiEnvironment = z
  .object({
    TABLE_NAME: z.string().min(3),
    AWS_REGION: z.string().min(1).default('eu-south-1'),
    /** Only for DynamoDB Local; absent on AWS. */
    DYNAMODB_ENDPOINT: z.url().optional(),
    /** The private bucket of export files and evidence. */
    FILES_BUCKET: z.string().min(3),
    /** The app client whose access tokens are accepted. */
    AUTH_CLIENT_ID: z.string().min(1),
    /** Production: the Cognito user pool that issues the tokens. */
    COGNITO_USER_POOL_ID: z.string().regex(/^[a-z]{2}-[a-z]+-\d_[A-Za-z0-9]+$/).optional(),
    /** Otherwise (tests of the deployed bundle): an issuer and its JWKS, given inline. */
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_JWKS: z.string().min(1).optional(),
  })
  .refine((env) => Boolean(env.COGNITO_USER_POOL_ID) !== Boolean(env.AUTH_ISSUER && env.AUTH_JWKS), {
    message: 'set either COGNITO_USER_POOL_ID, or AUTH_ISSUER and AUTH_JWKS',
    path: ['COGNITO_USER_POOL_ID'],
  });

export type Auth =
  | { kind: 'cognito'; userPoolId: string; clientId: string }
  | { kind: 'jwks'; issuer: string; jwks: Jwks; clientId: string };

export interface Config {
  tableName: string;
  region: string;
  dynamoEndpoint?: string;
  filesBucket: string;
  auth: Auth;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = ApiEnvironment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const { TABLE_NAME, AWS_REGION, DYNAMODB_ENDPOINT, FILES_BUCKET, AUTH_CLIENT_ID, COGNITO_USER_POOL_ID, AUTH_ISSUER, AUTH_JWKS } = parsed.data;
  let auth: Auth;
  if (COGNITO_USER_POOL_ID) {
    auth = { kind: 'cognito', userPoolId: COGNITO_USER_POOL_ID, clientId: AUTH_CLIENT_ID };
  } else {
    let jwks: Jwks;
    try {
      jwks = JSON.parse(AUTH_JWKS!);
    } catch {
      throw new Error('Invalid configuration: AUTH_JWKS is not JSON');
    }
    auth = { kind: 'jwks', issuer: AUTH_ISSUER!, jwks, clientId: AUTH_CLIENT_ID };
  }
  return { tableName: TABLE_NAME, region: AWS_REGION, dynamoEndpoint: DYNAMODB_ENDPOINT, filesBucket: FILES_BUCKET, auth };
}
