import { Query } from '@nestjs/cqrs';
import { type Environment } from '@latchkey/building-blocks';

/**
 * What the token endpoint needs to know about a credential, from the allowlist read model: an O(1)
 * in-memory lookup that is updated before a revoke or delete call answers.
 */
export interface CredentialAllowlistEntry {
  credentialId: string;
  status: 'active' | 'revoked' | 'deleted';
  environment: Environment;
  /** Console user id of the owner. */
  ownerId: string;
  /** The owner's user id in the credential's environment (the JWT's `sub`). */
  ownerEnvironmentUserId: string;
  organizationId: string;
  policy: 'organization' | 'specific';
  /** For the `specific` policy: the client ids allowed to use the credential. */
  clientIds: string[];
  /**
   * The client ids of `clientIds` that wait for an administrator's approval (refused with `OAU-280`
   * until approved); absent when none does. When every client id waits, the credential is pending.
   */
  pendingClientIds?: string[];
  /** Epoch seconds, or null for a credential that never expires. */
  expiresAt: number | null;
  /**
   * Canonical CIDR ranges the credential may be used from; empty: any address. The array is
   * frozen and replaced (never changed) when the allowlist changes, so callers may key caches on it.
   */
  allowedAddresses: readonly string[];
}

/**
 * The answer of `GetCredentialAllowlistEntryQuery` as a synchronous O(1) read from memory, for the
 * token endpoint's hot path: no query bus and no promise per request. Provided and exported by the
 * credentials module.
 */
export abstract class CredentialsLookup {
  abstract allowlistEntry(credentialId: string): CredentialAllowlistEntry | null;
}

/** The allowlist entry of a credential (by its id, the JWT's `jti`), or null when unknown. */
export class GetCredentialAllowlistEntryQuery extends Query<CredentialAllowlistEntry | null> {
  constructor(readonly credentialId: string) {
    super();
  }
}
