import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, PageQueryDto } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CredentialListReadModel } from '../../read-models/credential-list/credential-list.read-model';
import { CredentialPresenter } from '../../shared/credential.presenter';
import { CredentialPage } from '../../shared/credential.response';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@RequireScope('credentials:read')
@Controller('console/v1/credentials')
export class ListCredentialsController {
  constructor(
    private readonly credentials: CredentialListReadModel,
    private readonly presenter: CredentialPresenter,
  ) {}

  @Get()
  @RequireRole('developer')
  @ApiOperation({ summary: 'Your own credentials, newest first', description: 'Active, expired and revoked credentials; deleted ones are gone.' })
  @ApiOkResponse({ type: CredentialPage })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    COMMON_PROBLEMS.cursor,
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    COMMON_PROBLEMS.developer,
  )
  async list(@Member() member: MembershipView, @Query() query: PageQueryDto): Promise<CredentialPage> {
    const page = this.credentials.listByOwner(member.userId, query);
    return { items: await this.presenter.many(page.items), nextCursor: page.nextCursor };
  }
}
