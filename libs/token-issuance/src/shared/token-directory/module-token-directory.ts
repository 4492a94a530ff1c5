import { Injectable } from '@nestjs/common';
import { CredentialsLookup } from '@latchkey/credentials';
import { UserStatusLookup } from '@latchkey/identity';
import { OrganizationsLookup } from '@latchkey/organizations';
import type { AllowlistEntry, DirectoryClient, OwnerStanding, TokenDirectory } from './token-directory';

/**
 * Answers the Auth API's questions from the other modules' lookups: synchronous, in memory, O(1),
 * with no query bus, promise or SQL on the token endpoint's path.
 */
@Injectable()
export class ModuleTokenDirectory implements TokenDirectory {
  constructor(
    private readonly credentials: CredentialsLookup,
    private readonly organizations: OrganizationsLookup,
    private readonly users: UserStatusLookup,
  ) {}

  verifyClientSecret(clientId: string, secret: string): DirectoryClient | null {
    return this.organizations.verifyClientSecret(clientId, secret);
  }

  client(clientId: string): DirectoryClient | null {
    return this.organizations.appClient(clientId);
  }

  allowlistEntry(credentialId: string): AllowlistEntry | null {
    return this.credentials.allowlistEntry(credentialId);
  }

  /**
   * `deactivated` for a deactivated user or a removed member; else `active` only while they hold
   * developer access in the credential's organization. Three Map lookups.
   */
  ownerStanding({ ownerId, organizationId }: Pick<AllowlistEntry, 'ownerId' | 'organizationId'>): OwnerStanding {
    if (this.users.statusOf(ownerId) !== 'active' || this.organizations.membershipStatus(ownerId) === 'removed') return 'deactivated';
    return this.organizations.developerAccess(organizationId, ownerId) ? 'active' : 'no_developer_access';
  }
}
