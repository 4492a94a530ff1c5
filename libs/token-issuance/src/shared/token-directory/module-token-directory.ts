import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetCredentialAllowlistEntryQuery } from '@latchkey/credentials';
import { UserStatusLookup } from '@latchkey/identity';
import { OrganizationsLookup } from '@latchkey/organizations';
import type { AllowlistEntry, DirectoryClient, OwnerStanding, TokenDirectory } from './token-directory';

/**
 * Answers the Auth API's questions from the other modules. Clients and owners come from the
 * organizations' and identity's lookups: synchronous, in memory, O(1), with no query bus or SQL on
 * the token endpoint's path. The allowlist entry is the credentials module's query (itself a Map
 * lookup).
 */
@Injectable()
export class ModuleTokenDirectory implements TokenDirectory {
  constructor(
    private readonly queries: QueryBus,
    private readonly organizations: OrganizationsLookup,
    private readonly users: UserStatusLookup,
  ) {}

  verifyClientSecret(clientId: string, secret: string): DirectoryClient | null {
    return this.organizations.verifyClientSecret(clientId, secret);
  }

  client(clientId: string): DirectoryClient | null {
    return this.organizations.appClient(clientId);
  }

  allowlistEntry(credentialId: string): Promise<AllowlistEntry | null> {
    return this.queries.execute(new GetCredentialAllowlistEntryQuery(credentialId));
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
