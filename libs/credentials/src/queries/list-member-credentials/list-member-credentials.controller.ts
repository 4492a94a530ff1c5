import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, DomainError, PageQueryDto } from '@latchkey/building-blocks';
import { GetMembershipQuery, Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CredentialListReadModel } from '../../read-models/credential-list/credential-list.read-model';
import { CredentialPresenter } from '../../shared/credential.presenter';
import { CredentialPage } from '../../shared/credential.response';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@RequireScope('credentials:read')
@Controller('console/v1/organization/members')
export class ListMemberCredentialsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly credentials: CredentialListReadModel,
    private readonly presenter: CredentialPresenter,
  ) {}

  @Get(':userId/credentials')
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'A member’s credentials, newest first',
    description:
      'For developer admins: the credentials of any member of their organization (removed members included), to review, revoke or delete them.',
  })
  @ApiOkResponse({ type: CredentialPage })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    COMMON_PROBLEMS.cursor,
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    COMMON_PROBLEMS.admin,
    [404, 'MEMBER_NOT_FOUND', 'no such member in the caller’s organization'],
  )
  async list(@Member() admin: MembershipView, @Param('userId') userId: string, @Query() query: PageQueryDto): Promise<CredentialPage> {
    const member = await this.queries.execute(new GetMembershipQuery(userId));
    if (!member || member.organizationId !== admin.organizationId) {
      throw new DomainError('not-found', 'MEMBER_NOT_FOUND', 'No such member in your organization');
    }
    const page = this.credentials.listByOwner(userId, query, admin.organizationId);
    return { items: await this.presenter.many(page.items), nextCursor: page.nextCursor };
  }
}
