// The house defaults of every Rete Lambda function: the bundle `npm run build` wrote, Node.js 24 on
// arm64, its own log group with a retention, and a role that may write only to that log group; then
// the table, the files and mail bound with their environment and the grants the function's code needs.
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { EmailIdentity, type IConfigurationSet, type IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { Grant, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, type FunctionProps } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { FILE_ACCESS, TABLE_ACTIONS, type FileAccess, type FunctionName } from './function-access';

/** How a function sends mail: as whom, through which SES identity, and to whom while SES is in its sandbox. */
export interface MailBinding {
  /** MAIL_FROM: an address, or `Name <address>`. */
  from: string;
  identity: IEmailIdentity;
  /** Every mail is sent with it, so that SES counts its bounces and complaints. */
  configurationSet: IConfigurationSet;
  /**
   * In the SES sandbox, SES also checks permission to send to the recipient's identity: the verified
   * addresses or domains testers receive at. Empty once the account has production access.
   */
  sandboxRecipients: readonly string[];
}

export interface ReteFunctionProps extends Pick<FunctionProps, 'memorySize' | 'environment' | 'deadLetterQueue' | 'retryAttempts' | 'description'> {
  /** Which bundle to deploy. */
  name: FunctionName;
  /** The folder holding one sub-folder per bundle: `dist` in the app, a stand-in in template tests. */
  bundlesDir: string;
  timeout: Duration;
}

export class ReteFunction extends Construct {
  readonly name: FunctionName;
  readonly function: LambdaFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ReteFunctionProps) {
    super(scope, id);
    const { name, bundlesDir, ...rest } = props;
    this.name = name;

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

  /** TABLE_NAME, and the actions this function's code sends to the table and its indexes. */
  bindTable(table: ITableV2): this {
    this.function.addEnvironment('TABLE_NAME', table.tableName);
    table.grant(this.function, ...TABLE_ACTIONS[this.name]);
    return this;
  }

  /**
   * FILES_BUCKET, and what this function's code does with the files, prefix by prefix. Not the
   * bucket's grantReadWrite(): its s3:DeleteObject* would let the role delete old versions too.
   */
  bindFiles(bucket: IBucket): this {
    const access: FileAccess | undefined = (FILE_ACCESS as Partial<Record<FunctionName, FileAccess>>)[this.name];
    if (!access) throw new Error(`The ${this.name} function touches no file: give it no bucket`);
    this.function.addEnvironment('FILES_BUCKET', bucket.bucketName);
    const grantee = this.function;
    if (access.list === true) Grant.addToPrincipal({ grantee, actions: ['s3:ListBucket'], resourceArns: [bucket.bucketArn] });
    if (Array.isArray(access.list)) {
      this.function.addToRolePolicy(
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': access.list.map((prefix) => `${prefix}*`) } },
        }),
      );
    }
    for (const [action, prefixes] of Object.entries(access.objects)) {
      Grant.addToPrincipal({ grantee, actions: [action], resourceArns: prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`)) });
    }
    return this;
  }

  /**
   * MAIL_FROM and MAIL_CONFIGURATION_SET, and sending through the identity with the configuration set
   * (SES checks ses:SendEmail on both) and, in the SES sandbox, to the verified recipients.
   */
  bindMail(mail: MailBinding): this {
    this.function.addEnvironment('MAIL_FROM', mail.from);
    this.function.addEnvironment('MAIL_CONFIGURATION_SET', mail.configurationSet.configurationSetName);
    mail.identity.grantSendEmail(this.function);
    const configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: mail.configurationSet.configurationSetName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    Grant.addToPrincipal({ grantee: this.function, actions: ['ses:SendEmail', 'ses:SendRawEmail'], resourceArns: [configurationSetArn] });
    mail.sandboxRecipients.forEach((recipient, index) => {
      EmailIdentity.fromEmailIdentityName(this, `SandboxRecipient${index}`, recipient).grantSendEmail(this.function);
    });
    return this;
  }
}
