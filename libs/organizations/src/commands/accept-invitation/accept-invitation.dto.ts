import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { CheckFields } from '@latchkey/building-blocks';
import { registrationErrors } from '@latchkey/identity';
import { SessionResponse } from '../../shared/session.response';

/** The types and the registration's rules; the password is compared with the invited address when the user is registered. */
@CheckFields((body) => registrationErrors({ password: body.password, name: body.name }))
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
