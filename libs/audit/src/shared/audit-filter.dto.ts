import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '@latchkey/building-blocks';
import { ACCEPTED_TYPES, TYPE_MESSAGE } from './audit-query';

/** The filters the log and its export share; the times are also checked to parse (`auditFilter`). */
export class AuditFilterDto {
  @ApiPropertyOptional({
    enum: ACCEPTED_TYPES,
    description: 'Only entries of this type: an entry type (`credential.revoked`), or a recorded event type as before (`CredentialRevoked`)',
  })
  @IsOmittable()
  @IsIn(ACCEPTED_TYPES, { message: TYPE_MESSAGE })
  type?: string;

  @ApiPropertyOptional({ description: 'Only what this user did' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  actorId?: string;

  @ApiPropertyOptional({ description: 'Only entries about this credential' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  credentialId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only entries at or after this time (ISO 8601 date, or date-time with a time zone)' })
  @IsOmittable()
  @IsString()
  @MaxLength(40)
  since?: string;
}
