// Creating the identity of an invited person: Cognito in production; tests and the local runtime
// give their own implementation.

export interface Invitee {
  email: string;
  name: string;
  language: 'it' | 'en';
}

export interface IdentityDirectory {
  /** Creates (or finds) the person's identity and answers its subject, the person id. */
  invite(invitee: Invitee): Promise<{ sub: string }>;
  /** Deletes the person's sign-in identity (an erasure, once they belong to no consortium). */
  remove(sub: string): Promise<void>;
}

/**
 * Cognito: creates the user (Cognito emails the temporary password) or finds the existing one.
 * The SDK client is loaded on first use, so that it does not weigh on every cold start.
 */
export function cognitoDirectory(options: { userPoolId: string; region: string }): IdentityDirectory {
  let client: Promise<import('@aws-sdk/client-cognito-identity-provider').CognitoIdentityProviderClient> | undefined;
  const sdk = () => import('@aws-sdk/client-cognito-identity-provider');
  const connect = () => (client ??= sdk().then((m) => new m.CognitoIdentityProviderClient({ region: options.region })));

  return {
    async invite({ email, name, language }) {
      const { AdminCreateUserCommand, AdminGetUserCommand } = await sdk();
      const cognito = await connect();
      const subOf = (attributes: { Name?: string; Value?: string }[] | undefined) =>
        attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
      try {
        const created = await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: options.userPoolId,
            Username: email,
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: name },
              { Name: 'locale', Value: language },
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
        const sub = subOf(created.User?.Attributes);
        if (sub) return { sub };
      } catch (error) {
        if ((error as Error).name !== 'UsernameExistsException') throw error;
      }
      const existing = await cognito.send(new AdminGetUserCommand({ UserPoolId: options.userPoolId, Username: email }));
      const sub = subOf(existing.UserAttributes);
      if (!sub) throw new Error(`Cognito user ${email} has no sub`);
      return { sub };
    },

    async remove(sub) {
      const { AdminDeleteUserCommand } = await sdk();
      const cognito = await connect();
      try {
        // Cognito takes the subject as the username of a user of the pool.
        await cognito.send(new AdminDeleteUserCommand({ UserPoolId: options.userPoolId, Username: sub }));
      } catch (error) {
        if ((error as Error).name !== 'UserNotFoundException') throw error;
      }
    },
  };
}

/**
 * Without an identity provider (the local runtime, tests): an invitation only mints a subject (the
 * same for the same e-mail), and the development login can then sign in as that person.
 */
export function localDirectory(newSub: () => string): IdentityDirectory & { readonly removed: ReadonlySet<string> } {
  // As Cognito: one identity per e-mail, so that a person invited to two consortia is one person.
  const subs = new Map<string, string>();
  const removed = new Set<string>();
  return {
    async invite({ email }) {
      const key = email.toLowerCase();
      if (!subs.has(key)) subs.set(key, newSub());
      return { sub: subs.get(key)! };
    },
    async remove(sub) {
      removed.add(sub);
      for (const [email, known] of subs) if (known === sub) subs.delete(email);
    },
    removed,
  };
}
