import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACCEPTED_TYPES, TYPE_MESSAGE } from './audit-query';

/** The filters the log and its export share; the times are also checked to parse (`auditFilter`). */
export class AuditFilterDto {
  @ApiPropertyOptional({
    enum: ACCEPTED_TYPES,
    description: 'Only entries of this type: an entry type (`credential.revoked`), or a recorded event type as before (`CredentialRevoked`)',
  })
  @IsOptional()
  @IsIn(ACCEPTED_TYPES, { message: TYPE_MESSAGE })
  type?: string;

  @ApiPropertyOptional({ description: 'Only what this user did' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actorId?: string;

  @ApiPropertyOptional({ description: 'Only entries about this credential' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  credentialId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only entries at or after this time (ISO 8601 date, or date-time with a time zone)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  since?: string;
}
