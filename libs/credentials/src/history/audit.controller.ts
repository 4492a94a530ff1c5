import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { DomainError, PageQueryDto } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CREDENTIAL_EVENT_TYPES, type CredentialEventType } from '../credential/credential.events';
import { parseInstant } from '../credential/credential.rules';
import { CredentialHistoryReadModel } from '../read-models/credential-history.read-model';
import { ApiProblems, P } from '../shared/api-docs';
import { HistoryPage } from '../shared/credential.response';

class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CREDENTIAL_EVENT_TYPES, description: 'Only events of this type' })
  @IsOptional()
  @IsIn(CREDENTIAL_EVENT_TYPES, { message: `type must be one of ${CREDENTIAL_EVENT_TYPES.join(', ')}` })
  type?: CredentialEventType;

  @ApiPropertyOptional({ description: 'Only what this user did' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actorId?: string;

  @ApiPropertyOptional({ description: 'Only events of this credential' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  credentialId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only events at or after this time (ISO 8601 date, or date-time with a time zone)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  since?: string;
}

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@Controller('console/v1/audit')
export class AuditController {
  constructor(private readonly history: CredentialHistoryReadModel) {}

  @Get()
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'The organization’s credential audit log, newest first',
    description: 'Every event of every credential created in the organization (deleted ones included), with who did it. Never a secret.',
  })
  @ApiOkResponse({ type: HistoryPage })
  @ApiProblems(P.validation, P.cursor, P.unauthenticated, P.membership, P.admin)
  list(@Member() admin: MembershipView, @Query() query: AuditQueryDto): HistoryPage {
    let since: string | undefined;
    if (query.since !== undefined) {
      since = parseInstant(query.since) ?? undefined;
      if (since === undefined) {
        throw new DomainError('validation', 'VALIDATION_FAILED', 'since must be an ISO 8601 date or date-time with a time zone', {
          errors: [{ field: 'since', message: 'since must be an ISO 8601 date or date-time with a time zone' }],
        });
      }
    }
    return this.history.audit(admin.organizationId, { type: query.type, actorId: query.actorId, credentialId: query.credentialId, since }, query);
  }
}
