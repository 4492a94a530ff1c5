import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS } from '@latchkey/building-blocks';
import { ApiTokenResponse, ListApiTokensQuery, RequireScope } from '@latchkey/identity';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';

class ApiTokenOwner {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
}

class OrganizationApiTokenResponse extends ApiTokenResponse {
  @ApiProperty({ type: ApiTokenOwner }) owner!: ApiTokenOwner;
}

class OrganizationApiTokenListResponse {
  @ApiProperty({ type: OrganizationApiTokenResponse, isArray: true }) items!: OrganizationApiTokenResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: every token is in one page.' }) nextCursor!: null;
}

@ApiTags('API tokens')
@ApiBearerAuth('session')
@Controller('console/v1/organization/api-tokens')
export class ListOrganizationApiTokensController {
  constructor(
    private readonly queries: QueryBus,
    private readonly members: MemberListReadModel,
  ) {}

  @Get()
  @RequireRole('developer_admin')
  @RequireScope('organization:admin')
  @ApiOperation({
    summary: 'The organization’s API tokens',
    description: 'Every token of its members that is not revoked, with its owner; never the token text.',
  })
  @ApiOkResponse({ type: OrganizationApiTokenListResponse })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  async list(@Member() admin: MembershipView): Promise<OrganizationApiTokenListResponse> {
    const members = new Map(this.members.allMembers(admin.organizationId).map((m) => [m.userId, m]));
    const tokens = await this.queries.execute(new ListApiTokensQuery([...members.keys()]));
    return {
      items: tokens.map((t) => ({ ...ApiTokenResponse.of(t), owner: { userId: t.ownerId, email: members.get(t.ownerId)?.email ?? '' } })),
      nextCursor: null,
    };
  }
}
