// The house defaults of every Rete Lambda function: the bundle `npm run build` wrote, Node.js 24 on
// arm64, its own log group with a retention, and a role that may write only to that log group.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, type FunctionProps } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';

/**
 * What shared/store sends, no more: no Scan (no request path uses one), no streams. Transactions and
 * batches are authorized per item action.
 */
export const STORE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:BatchWriteItem',
];

/** The names of the bundles in `dist/` (functions/<name>/handler.ts). */
export type FunctionName = 'api' | 'export-worker' | 'jobs';

export interface ReteFunctionProps extends Pick<FunctionProps, 'memorySize' | 'environment' | 'deadLetterQueue' | 'retryAttempts' | 'description'> {
  /** Which bundle to deploy. */
  name: FunctionName;
  /** The folder holding one sub-folder per bundle: `dist` in the app, a stand-in in template tests. */
  bundlesDir: string;
  timeout: Duration;
}

export class ReteFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ReteFunctionProps) {
    super(scope, id);
    const { name, bundlesDir, ...rest } = props;

    // Logs are operational, not records: they go with the stack.
    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    // An own role instead of the managed AWSLambdaBasicExecutionRole, which may write to every log group.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);

    this.function = new LambdaFunction(this, 'Function', {
      ...rest,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      // Source maps stay behind: without --enable-source-maps they only lengthen the cold start's download.
      code: Code.fromAsset(join(bundlesDir, name), { exclude: ['*.map'] }),
      role,
      logGroup: this.logGroup,
    });
  }

  /** TABLE_NAME and the store's actions on the table and its indexes. */
  bindTable(table: ITableV2): this {
    this.function.addEnvironment('TABLE_NAME', table.tableName);
    table.grant(this.function, ...STORE_ACTIONS);
    return this;
  }

  /** FILES_BUCKET, and reading, writing and deleting its objects (presigned links are signed with this role). */
  bindFiles(bucket: IBucket): this {
    this.function.addEnvironment('FILES_BUCKET', bucket.bucketName);
    bucket.grantReadWrite(this.function);
    return this;
  }
}
