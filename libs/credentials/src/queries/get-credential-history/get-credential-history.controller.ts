import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, PageQueryDto } from '@latchkey/building-blocks';
import { QueryBus } from '@nestjs/cqrs';
import { GetAppClientQuery, Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CredentialHistoryReadModel } from '../../read-models/credential-history/credential-history.read-model';
import { CREDENTIAL_PROBLEMS } from '../../shared/api-docs';
import { CredentialAccess } from '../../shared/credential-access';
import { type HistoryApp, HistoryPage } from '../../shared/credential.response';
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
    private readonly queries: QueryBus,
  ) {}

  @Get(':id/history')
  @ApiOperation({
    summary: 'Everything that happened to a credential, oldest first',
    description:
      'Every change and recorded use, with who did it (`actor` is null for uses). An entry about an app (a use, an app allowed or ' +
      'disallowed) names it in `app` (`name` null once the app is deleted). Never a secret: the JWT is in no event. ' +
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
  async list(@Member() member: MembershipView, @Param('id') id: string, @Query() query: PageQueryDto): Promise<HistoryPage> {
    const row = this.access.manageable(id, member, { includeDeleted: true });
    const page = this.history.history(row.credential_id, query);
    const items = await Promise.all(page.items.map(async (entry) => ({ ...entry, app: await this.appOf(entry.data) })));
    return { ...page, items };
  }

  /** The app an entry is about, named from the organizations' app directory. */
  private async appOf(data: Record<string, unknown>): Promise<HistoryApp | null> {
    if (typeof data.clientId !== 'string') return null;
    const client = await this.queries.execute(new GetAppClientQuery(data.clientId));
    return { clientId: data.clientId, name: client?.appName ?? null };
  }
}
