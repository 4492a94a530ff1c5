import { Injectable } from '@nestjs/common';
import { AppDirectoryProjection } from '../read-models/app-directory/app-directory.projection';
import { type AppClientView, type MembershipStatus, OrganizationsLookup } from '../contracts';
import { MembershipStatusIndex } from '../read-models/members/membership-status-index.projection';

/** `OrganizationsLookup` over the in-memory app directory and membership index. */
@Injectable()
export class InMemoryOrganizationsLookup implements OrganizationsLookup {
  constructor(
    private readonly directory: AppDirectoryProjection,
    private readonly memberships: MembershipStatusIndex,
  ) {}

  verifyClientSecret(clientId: string, clientSecret: string): AppClientView | null {
    return this.directory.verifySecret(clientId, clientSecret);
  }

  appClient(clientId: string): AppClientView | null {
    return this.directory.client(clientId);
  }

  membershipStatus(userId: string): MembershipStatus | null {
    return this.memberships.statusOf(userId);
  }

  developerAccess(organizationId: string, userId: string): boolean {
    return this.memberships.hasDeveloperAccess(organizationId, userId);
  }
}
