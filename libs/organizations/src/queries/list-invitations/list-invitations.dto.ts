import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsOmittable, PageQueryDto } from '@latchkey/building-blocks';
import { INVITATION_STATUSES, type InvitationStatus } from '../../read-models/invitation-list/invitation-list.read-model';

export class ListInvitationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INVITATION_STATUSES, description: 'Only invitations of this status; every status when left out' })
  @IsOmittable()
  @IsIn(INVITATION_STATUSES, { message: `status must be one of ${INVITATION_STATUSES.join(', ')}` })
  status?: InvitationStatus;
}
