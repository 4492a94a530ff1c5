import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetCredentialAllowlistEntryQuery } from '@latchkey/credentials';
import { GetUserQuery } from '@latchkey/identity';
import { GetAppClientQuery, GetMembershipQuery, VerifyClientSecretQuery } from '@latchkey/organizations';
import type { AllowlistEntry, DirectoryClient, TokenDirectory } from './token-directory';

/** Answers the Auth API's questions with the published queries of identity, organizations and credentials. */
@Injectable()
export class QueryBusTokenDirectory implements TokenDirectory {
  constructor(private readonly queries: QueryBus) {}

  verifyClientSecret(clientId: string, secret: string): Promise<DirectoryClient | null> {
    return this.queries.execute(new VerifyClientSecretQuery(clientId, secret));
  }

  client(clientId: string): Promise<DirectoryClient | null> {
    return this.queries.execute(new GetAppClientQuery(clientId));
  }

  allowlistEntry(credentialId: string): Promise<AllowlistEntry | null> {
    return this.queries.execute(new GetCredentialAllowlistEntryQuery(credentialId));
  }

  async ownerActive(userId: string): Promise<boolean> {
    const [user, membership] = await Promise.all([
      this.queries.execute(new GetUserQuery(userId)),
      this.queries.execute(new GetMembershipQuery(userId)),
    ]);
    return user !== null && user.status === 'active' && membership?.status !== 'removed';
  }
}
