import { ApiProperty } from '@nestjs/swagger';
import { MEMBER_KINDS, PERMISSIONS, ROLES } from '../../contracts';

class AccountResponse {
  @ApiProperty({ description: 'The user’s id in this environment' }) userId!: string;
}

class AccountsResponse {
  @ApiProperty({ type: AccountResponse }) production!: AccountResponse;
  @ApiProperty({ type: AccountResponse, nullable: true, description: 'null until the user creates a sandbox account' })
  sandbox!: AccountResponse | null;
}

class MfaResponse {
  @ApiProperty({ description: 'Two-factor sign-in with an authenticator app (TOTP) is on' }) totp!: boolean;
}

export class MeResponse {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: MEMBER_KINDS, description: '`service` when a service user calls with an API token' }) kind!: string;
  @ApiProperty({ nullable: true, description: 'null for a user who belongs to no organization' }) organizationId!: string | null;
  @ApiProperty({ enum: ROLES, nullable: true }) role!: string | null;
  @ApiProperty({ enum: PERMISSIONS, isArray: true, description: 'Platform permissions' }) permissions!: string[];
  @ApiProperty({ type: AccountsResponse }) accounts!: AccountsResponse;
  @ApiProperty({ type: MfaResponse }) mfa!: MfaResponse;
}
