// Who people are: a Cognito user pool of invited people (no self sign-up) and its hosted sign-in
// domain. What they may do lives in the table (memberships), never in Cognito groups or claims.
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';

export interface AuthStackProps extends StackProps {
  /** The hosted sign-in's prefix: https://<prefix>.auth.<region>.amazoncognito.com. */
  domainPrefix: string;
}

export class AuthStack extends Stack {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);

    this.userPool = new UserPool(this, 'People', {
      // People are invited by a coordinator (AdminCreateUser); nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
        locale: { required: false, mutable: true },
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      // A second factor for those who want one (an authenticator app); not imposed on every cooperative.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Threat protection blocks sign-ins with leaked passwords and adapts to risky ones: people of small
      // cooperatives reuse passwords, and at a few cents per active person a month it is worth it.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      // The person id in every membership and audit entry is the user's `sub`: losing the pool loses them.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: 'MFA is offered (authenticator app), not required: the people of small cooperatives would be locked out; threat protection covers risky sign-ins',
    });

    this.domain = this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    // For `npm run admin -- invite-coordinator --user-pool`.
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
  }
}
