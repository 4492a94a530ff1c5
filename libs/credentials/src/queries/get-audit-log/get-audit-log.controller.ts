import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, validationFailed } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CredentialHistoryReadModel } from '../../read-models/credential-history/credential-history.read-model';
import { parseInstant } from '../../shared/credential-input';
import { HistoryPage } from '../../shared/credential.response';
import { GetAuditLogDto } from './get-audit-log.dto';

/** `since` as an instant, or a field error: the one rule of the query the DTO cannot express. */
function validSince(since: string | undefined): string | undefined {
  if (since === undefined) return undefined;
  const instant = parseInstant(since);
  if (instant === null) throw validationFailed([{ field: 'since', message: 'since must be an ISO 8601 date or date-time with a time zone' }]);
  return instant;
}

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@Controller('console/v1/audit')
export class GetAuditLogController {
  constructor(private readonly history: CredentialHistoryReadModel) {}

  @Get()
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'The organization’s credential audit log, newest first',
    description: 'Every event of every credential created in the organization (deleted ones included), with who did it. Never a secret.',
  })
  @ApiOkResponse({ type: HistoryPage })
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.cursor, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  list(@Member() admin: MembershipView, @Query() query: GetAuditLogDto): HistoryPage {
    const since = validSince(query.since);
    return this.history.audit(admin.organizationId, { type: query.type, actorId: query.actorId, credentialId: query.credentialId, since }, query);
  }
}
