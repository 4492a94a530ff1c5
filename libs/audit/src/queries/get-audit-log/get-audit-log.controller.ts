import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { AuditLogReadModel } from '../../read-models/audit-log/audit-log.read-model';
import { GetAuditLogDto } from './get-audit-log.dto';
import { auditFilter } from '../../shared/audit-query';
import { AuditPage } from './get-audit-log.response';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Audit')
@ApiBearerAuth('session')
@RequireRole('member')
@RequireScope('audit:read')
@Controller('console/v1/audit')
export class GetAuditLogController {
  constructor(private readonly log: AuditLogReadModel) {}

  @Get()
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'The organization’s audit log, newest first',
    description:
      'Every administrative and security event of the organization: invitations, members joining, changing and leaving, apps, ' +
      'sign-ins (failed ones batched: one entry per account and client address per minute, with `data.count`), lockouts, and every ' +
      'event of every credential created in it (deleted ones included). With who did it, what it was about and the client address. Never a secret.',
  })
  @ApiOkResponse({ type: AuditPage })
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.cursor, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  list(@Member() admin: MembershipView, @Query() query: GetAuditLogDto): AuditPage {
    return this.log.list(admin.organizationId, auditFilter(query), query);
  }
}
