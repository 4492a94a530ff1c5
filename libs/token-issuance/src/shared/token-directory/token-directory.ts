import type { CredentialAllowlistEntry } from '@latchkey/credentials';
import { type Environment } from '@latchkey/building-blocks';

/** What the Auth API needs to know about an app client (from the organizations module). */
export interface DirectoryClient {
  clientId: string;
  environment: Environment;
  organizationId: string;
  grantTypes: readonly string[];
  scopes: readonly string[];
}

export type AllowlistEntry = CredentialAllowlistEntry;

/**
 * Whether a credential's owner lets it work right now: `deactivated` when the user is deactivated
 * or no longer a member of their organization; `no_developer_access` while they are a member with
 * the role `user` (a change back to `developer` makes them `active` again).
 */
export type OwnerStanding = 'active' | 'deactivated' | 'no_developer_access';

/**
 * The other modules, as the Auth API sees them. In the application this is `ModuleTokenDirectory`
 * (the organizations', identity's and credentials' in-memory lookups);
 * unit tests pass a fake. Every answer is the current state: nothing here is cached.
 */
export interface TokenDirectory {
  /** The client when `secret` is its current secret, else null (constant time in the secret). */
  verifyClientSecret(clientId: string, secret: string): DirectoryClient | null;
  client(clientId: string): DirectoryClient | null;
  allowlistEntry(credentialId: string): AllowlistEntry | null;
  /** The standing of the credential's owner (`ownerId`) in the credential's organization (`organizationId`). */
  ownerStanding(entry: Pick<AllowlistEntry, 'ownerId' | 'organizationId'>): OwnerStanding;
}

export const TOKEN_DIRECTORY = Symbol('TOKEN_DIRECTORY');
