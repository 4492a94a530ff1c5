import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../contracts';

export class LookUpInvitationDto {
  @ApiProperty({ format: 'password', description: 'The invitation token (sent in the body: a token never goes in a path, where logs keep it)' })
  @IsString()
  @MinLength(1, { message: 'Paste the whole invitation link' })
  @MaxLength(200, { message: 'This is not an invitation token' })
  token!: string;
}

export class InvitationLookupResponse {
  @ApiProperty({ example: 'Acme' }) organizationName!: string;
  @ApiProperty({ example: 'bob@acme.example', description: 'The address the account will have' }) email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
}
