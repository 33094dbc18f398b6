// Who people are and how they are reached: a Cognito user pool of invited people (no self sign-up),
// its hosted sign-in domain, the SES identity every mail leaves from (Cognito's invitations too, once
// it is verified) and the configuration set every mail is sent with, which counts bounces and
// complaints for the alarms. What people may do lives in the table (memberships), never in Cognito.
import { Arn, ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolDomain,
  UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
  type IEmailIdentity,
} from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { senderOf } from './sender';

/** The CloudWatch dimension SES's event counts carry: the configuration set's name (an SES auto-tag). */
export const MAIL_EVENTS_DIMENSION = 'ses:configuration-set';

export interface AuthStackProps extends StackProps {
  /** The hosted sign-in's prefix: https://<prefix>.auth.<region>.amazoncognito.com. */
  domainPrefix: string;
  mail: {
    /** The sender of every mail: an address, or `Name <address>`. */
    from: string;
    /** The SES identity that may send as `from`: its domain or address to create, or the ARN of a verified one. */
    identity: string;
    /**
     * Cognito sends its invitations through the identity instead of its own sender (50 mails a day).
     * Cognito refuses an identity that is not verified yet, so this is a second deploy's switch.
     */
    cognitoThroughSes: boolean;
  };
}

export class AuthStack extends Stack {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  readonly mailIdentity: IEmailIdentity;
  /** Every mail is sent with it (MAIL_CONFIGURATION_SET): SES counts its bounces and complaints. */
  readonly mailEvents: ConfigurationSet;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    const { mail } = props;
    const sender = senderOf(mail.from);

    // Reputation metrics (bounce and complaint rates) of this set's mails, and each bounce, complaint
    // and rejection as a CloudWatch count under the set's name: the alarms stack watches both. An
    // address that bounced or complained is not mailed again (the account's suppression list).
    this.mailEvents = new ConfigurationSet(this, 'MailEvents', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.mailEvents.addEventDestination('Counts', {
      destination: EventDestination.cloudWatchDimensions([
        // SES tags every mail with its configuration set's name; the default is never used.
        { name: MAIL_EVENTS_DIMENSION, source: CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: 'none' },
      ]),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT],
    });

    if (mail.identity.startsWith('arn:')) {
      this.mailIdentity = EmailIdentity.fromEmailIdentityArn(this, 'MailIdentity', mail.identity);
    } else {
      const identity = new EmailIdentity(this, 'MailIdentity', {
        identity: mail.identity.includes('@') ? Identity.email(mail.identity) : Identity.domain(mail.identity),
      });
      // A domain's DKIM records are made for this identity: replacing it would mean new DNS records.
      identity.applyRemovalPolicy(RemovalPolicy.RETAIN);
      this.mailIdentity = identity;
    }
    // The identity's name and region (an ARN may name another region of this account).
    const { resourceName: identityName, region: identityRegion } = mail.identity.startsWith('arn:')
      ? Arn.split(mail.identity, ArnFormat.SLASH_RESOURCE_NAME)
      : { resourceName: mail.identity, region: undefined };

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
      email: mail.cognitoThroughSes
        ? UserPoolEmail.withSES({
            fromEmail: sender.address,
            fromName: sender.name,
            // The sending identity: the domain when the identity is one, otherwise the address itself.
            sesVerifiedDomain: identityName?.includes('@') ? undefined : identityName,
            sesRegion: identityRegion,
            // A configuration set serves its own region only.
            configurationSetName: !identityRegion || identityRegion === this.region ? this.mailEvents.configurationSetName : undefined,
          })
        : UserPoolEmail.withCognito(),
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
