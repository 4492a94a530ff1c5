import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { SessionResponse } from '../../shared/session.response';

export class AcceptInvitationDto {
  @ApiProperty({ example: 'Bob Baker' })
  @IsString()
  name!: string;

  @ApiProperty({ format: 'password', description: 'The new user’s console password (its strength rules are checked at registration)' })
  @IsString()
  password!: string;
}

class AcceptedUser {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
}

export class AcceptInvitationResponse {
  @ApiProperty({ type: AcceptedUser }) user!: AcceptedUser;
  @ApiProperty({ type: SessionResponse }) session!: SessionResponse;
}
