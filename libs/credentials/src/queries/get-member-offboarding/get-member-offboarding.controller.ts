import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Clock, COMMON_PROBLEMS, DomainError } from '@latchkey/building-blocks';
import { ApiTokenResponse, type ApiTokenView, ListApiTokensCreatedByQuery, ListApiTokensQuery, RequireScope } from '@latchkey/identity';
import {
  GetAppClientQuery,
  GetMembershipQuery,
  ListAppsCreatedByQuery,
  ListPendingInvitationsIssuedByQuery,
  Member,
  type MembershipView,
  RequireRole,
} from '@latchkey/organizations';
import { isExpired } from '../../domain/credential/credential.state';
import { CredentialListReadModel } from '../../read-models/credential-list/credential-list.read-model';
import { OffboardingAppUsageProjection } from '../../read-models/offboarding-app-usage/offboarding-app-usage.projection';
import { OffboardingResponse } from './get-member-offboarding.response';

/**
 * What stops working if a member is removed. It lives with the credentials, the one module that
 * may ask every other (organizations for apps and invitations, identity for API tokens).
 */
@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireScope('organization:admin')
@Controller('console/v1/organization/members')
export class GetMemberOffboardingController {
  constructor(
    private readonly queries: QueryBus,
    private readonly credentials: CredentialListReadModel,
    private readonly usage: OffboardingAppUsageProjection,
    private readonly clock: Clock,
  ) {}

  @Get(':userId/offboarding')
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'What stops working if a member is removed',
    description:
      'Their credentials that still work, with the apps that used each and when; the apps they created; the invitations they issued that can still be accepted; ' +
      'their API tokens and those they minted for service users. The console shows it before an admin confirms a removal.',
  })
  @ApiOkResponse({ type: OffboardingResponse })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin, [
    404,
    'MEMBER_NOT_FOUND',
    'no active member with this user id in the caller’s organization',
  ])
  async offboarding(@Member() admin: MembershipView, @Param('userId') userId: string): Promise<OffboardingResponse> {
    const member = await this.queries.execute(new GetMembershipQuery(userId));
    if (!member || member.organizationId !== admin.organizationId || member.status !== 'active') {
      throw new DomainError('not-found', 'MEMBER_NOT_FOUND', 'No such member of your organization');
    }
    const now = this.clock.now();
    const [apps, invitations, ownTokens, mintedTokens] = await Promise.all([
      this.queries.execute(new ListAppsCreatedByQuery(admin.organizationId, userId)),
      this.queries.execute(new ListPendingInvitationsIssuedByQuery(admin.organizationId, userId)),
      this.queries.execute(new ListApiTokensQuery([userId])),
      this.queries.execute(new ListApiTokensCreatedByQuery(userId)),
    ]);
    return {
      credentials: await this.credentialsOf(member, now.toISOString()),
      apps: apps.map(({ id, name, environments, createdAt }) => ({ id, name, environments, createdAt })),
      invitations: invitations.map(({ id, email, role, createdAt, expiresAt }) => ({ id, email, role, createdAt, expiresAt })),
      apiTokens: [...(await this.tokens(ownTokens, 'owner', member)), ...(await this.tokens(mintedTokens, 'minted', member))],
    };
  }

  private async credentialsOf(member: MembershipView, now: string): Promise<OffboardingResponse['credentials']> {
    const rows = this.credentials
      .activeByOwner(member.userId)
      .filter((row) => row.organization_id === member.organizationId && !isExpired({ expiresAt: row.expires_at }, now));
    const appNames = new Map<string, string | null>();
    const appName = async (clientId: string) => {
      if (!appNames.has(clientId)) appNames.set(clientId, (await this.queries.execute(new GetAppClientQuery(clientId)))?.appName ?? null);
      return appNames.get(clientId) ?? null;
    };
    const credentials: OffboardingResponse['credentials'] = [];
    for (const row of rows) {
      const usedBy = [];
      for (const use of this.usage.usedBy(row.credential_id)) usedBy.push({ ...use, appName: await appName(use.clientId) });
      credentials.push({ id: row.credential_id, label: row.label, environment: row.environment, lastUsedAt: row.last_used_at, usedBy });
    }
    return credentials;
  }

  private async tokens(views: ApiTokenView[], relation: 'owner' | 'minted', member: MembershipView): Promise<OffboardingResponse['apiTokens']> {
    const active = views.filter((t) => t.status === 'active');
    const owners = new Map<string, MembershipView | null>([[member.userId, member]]);
    for (const t of active) if (!owners.has(t.ownerId)) owners.set(t.ownerId, await this.queries.execute(new GetMembershipQuery(t.ownerId)));
    return active
      .filter((t) => owners.get(t.ownerId)?.organizationId === member.organizationId)
      .map((t) => {
        const owner = owners.get(t.ownerId)!;
        return { ...ApiTokenResponse.of(t), owner: { userId: owner.userId, name: owner.name, kind: owner.kind }, relation };
      });
  }
}
