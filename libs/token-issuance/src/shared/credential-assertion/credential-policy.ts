import { type Environment } from '@latchkey/building-blocks';
import { GRANT_MESSAGES, type OAuthError, OAuthErrors } from '../oauth-error';
import type { AllowlistEntry, DirectoryClient, OwnerStanding } from '../token-directory/token-directory';

export interface CredentialCheck {
  /** The allowlist entry of the credential (the JWT's `jti`), or null when unknown. */
  entry: AllowlistEntry | null;
  /** The owner's standing (`TokenDirectory.ownerStanding`). Ignored when `entry` is null. */
  owner: OwnerStanding;
  /** The environment the request is made in. */
  environment: Environment;
  /** The app client using the credential. */
  client: Pick<DirectoryClient, 'clientId' | 'organizationId'>;
  /** Now, in epoch seconds. */
  now: number;
  /** The credential JWT's subject, when a JWT is presented (not for refresh and live checks). */
  subject?: string;
  /** True when the credential JWT's `exp` has passed (beyond the clock tolerance). */
  assertionExpired?: boolean;
}

/**
 * Whether a credential may be used right now, by this client, in this environment. The same
 * rules serve the jwt-bearer grant, the refresh grant and every live check of an access token,
 * in this order: unknown (213), owner deactivated (217, before revoked: a removed member's
 * credentials are revoked too), revoked or deleted (213), expired (210), owner without developer
 * access (217, after the states that never end: a revoked or expired credential stays refused
 * after a promotion, so saying so is the more useful answer), other environment (214), subject
 * not the owner (216), credential or app waiting for an administrator's approval (280), app not
 * allowed (215). Null when it may.
 */
export function checkCredential(check: CredentialCheck): OAuthError | null {
  const { entry } = check;
  if (!entry) return OAuthErrors.invalidGrant('OAU-213', GRANT_MESSAGES.credentialRevoked);
  if (check.owner === 'deactivated') return OAuthErrors.invalidGrant('OAU-217', GRANT_MESSAGES.ownerDeactivated);
  if (entry.status !== 'active') return OAuthErrors.invalidGrant('OAU-213', GRANT_MESSAGES.credentialRevoked);
  if (check.assertionExpired || (entry.expiresAt !== null && entry.expiresAt <= check.now)) {
    return OAuthErrors.invalidGrant('OAU-210', GRANT_MESSAGES.credentialExpired);
  }
  if (check.owner !== 'active') return OAuthErrors.invalidGrant('OAU-217', GRANT_MESSAGES.ownerWithoutDeveloperAccess);
  if (entry.environment !== check.environment) return OAuthErrors.invalidGrant('OAU-214', GRANT_MESSAGES.otherEnvironment);
  if (check.subject !== undefined && check.subject !== entry.ownerEnvironmentUserId) {
    return OAuthErrors.invalidGrant('OAU-216', GRANT_MESSAGES.subjectMismatch);
  }
  const pending = entry.pendingClientIds;
  if (pending && entry.clientIds.every((id) => pending.includes(id))) {
    return OAuthErrors.invalidGrant('OAU-280', GRANT_MESSAGES.credentialPendingApproval);
  }
  if (pending?.includes(check.client.clientId)) return OAuthErrors.invalidGrant('OAU-280', GRANT_MESSAGES.appPendingApproval);
  if (!clientAllowed(entry, check.client)) return OAuthErrors.invalidGrant('OAU-215', GRANT_MESSAGES.appNotAllowed);
  return null;
}

/** `organization`: any app of the credential's organization; `specific`: the listed client ids, of any organization. */
export function clientAllowed(entry: AllowlistEntry, client: Pick<DirectoryClient, 'clientId' | 'organizationId'>): boolean {
  return entry.policy === 'organization' ? client.organizationId === entry.organizationId : entry.clientIds.includes(client.clientId);
}
