import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsOmittable, PageQueryDto } from '@latchkey/building-blocks';
import { CREDENTIAL_REQUEST_STATUSES, type CredentialRequestStatus } from '../../domain/credential-request/credential-request.events';

export class ListCredentialRequestsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CREDENTIAL_REQUEST_STATUSES, description: 'Only requests of this status; every status when left out' })
  @IsOmittable()
  @IsIn(CREDENTIAL_REQUEST_STATUSES, { message: `status must be one of ${CREDENTIAL_REQUEST_STATUSES.join(', ')}` })
  status?: CredentialRequestStatus;
}
