import { ApiProperty } from '@nestjs/swagger';
import { PERMISSIONS, ROLES } from '../../contracts';
import { INVITATION_STATUSES } from '../../read-models/invitation-list/invitation-list.read-model';

class InviterResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() email!: string;
}

export class InvitationListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) permissions!: string[];
  @ApiProperty({
    type: InviterResponse,
    nullable: true,
    description: 'The developer_admin who issued it; null for invitations issued before inviters were recorded (those cannot be accepted)',
  })
  invitedBy!: InviterResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ enum: INVITATION_STATUSES, description: '`expired`: still pending past `expiresAt`' }) status!: string;
}

export class InvitationPage {
  @ApiProperty({ type: [InvitationListItem] }) items!: InvitationListItem[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
