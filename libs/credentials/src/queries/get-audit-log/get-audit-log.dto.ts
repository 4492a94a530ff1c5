import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsOmittable, PageQueryDto } from '@latchkey/building-blocks';
import { CREDENTIAL_EVENT_TYPES, type CredentialEventType } from '../../domain/credential/credential.events';

/** `?type=&actorId=&credentialId=&since=` with the page; `since` must also parse as an instant (checked by the controller). */
export class GetAuditLogDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CREDENTIAL_EVENT_TYPES, description: 'Only events of this type' })
  @IsOmittable()
  @IsIn(CREDENTIAL_EVENT_TYPES, { message: `type must be one of ${CREDENTIAL_EVENT_TYPES.join(', ')}` })
  type?: CredentialEventType;

  @ApiPropertyOptional({ description: 'Only what this user did' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  actorId?: string;

  @ApiPropertyOptional({ description: 'Only events of this credential' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  credentialId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only events at or after this time (ISO 8601 date, or date-time with a time zone)' })
  @IsOmittable()
  @IsString()
  @MaxLength(40)
  since?: string;
}
