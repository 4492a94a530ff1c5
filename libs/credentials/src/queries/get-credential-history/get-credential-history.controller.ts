import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, PageQueryDto } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CredentialHistoryReadModel } from '../../read-models/credential-history/credential-history.read-model';
import { CREDENTIAL_PROBLEMS } from '../../shared/api-docs';
import { CredentialAccess } from '../../shared/credential-access';
import { HistoryPage } from '../../shared/credential.response';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@RequireScope('credentials:read')
@Controller('console/v1/credentials')
export class GetCredentialHistoryController {
  constructor(
    private readonly access: CredentialAccess,
    private readonly history: CredentialHistoryReadModel,
  ) {}

  @Get(':id/history')
  @ApiOperation({
    summary: 'Everything that happened to a credential, oldest first',
    description:
      'Every change and recorded use, with who did it (`actor` is null for uses). Never a secret: the JWT is in no event. ' +
      'Stays available after the credential is deleted, to its owner and the developer admins of the owner’s organization.',
  })
  @ApiOkResponse({ type: HistoryPage })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    COMMON_PROBLEMS.cursor,
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    CREDENTIAL_PROBLEMS.notFound,
  )
  list(@Member() member: MembershipView, @Param('id') id: string, @Query() query: PageQueryDto): HistoryPage {
    const row = this.access.manageable(id, member, { includeDeleted: true });
    return this.history.history(row.credential_id, query);
  }
}
