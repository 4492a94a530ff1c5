import { ApiProperty } from '@nestjs/swagger';
import { ENVIRONMENTS, type Environment } from '@latchkey/building-blocks';
import { ApiTokenResponse } from '@latchkey/identity';

class AppUseResponse {
  @ApiProperty() clientId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null when the app directory no longer knows the client (a deleted app)' })
  appName!: string | null;
  @ApiProperty({ format: 'date-time' }) lastUsedAt!: string;
}

class OffboardingCredentialResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: ENVIRONMENTS }) environment!: Environment;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ type: [AppUseResponse], description: 'The apps that exchanged it for tokens, most recent first' }) usedBy!: AppUseResponse[];
}

class OffboardingAppResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ENVIRONMENTS, isArray: true }) environments!: Environment[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

class OffboardingInvitationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

class TokenOwnerResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['person', 'service'] }) kind!: string;
}

class OffboardingApiTokenResponse extends ApiTokenResponse {
  @ApiProperty({ type: TokenOwnerResponse }) owner!: TokenOwnerResponse;
  @ApiProperty({
    description:
      '`owner`: the member’s own token, which stops working when they leave; `minted`: one they minted for a service user, which keeps working',
    enum: ['owner', 'minted'],
  })
  relation!: 'owner' | 'minted';
}

export class OffboardingResponse {
  @ApiProperty({ type: [OffboardingCredentialResponse], description: 'Their credentials that still work: revoked when they are removed' })
  credentials!: OffboardingCredentialResponse[];
  @ApiProperty({ type: [OffboardingAppResponse], description: 'Apps they created: they stay, managed by developer admins only' })
  apps!: OffboardingAppResponse[];
  @ApiProperty({
    type: [OffboardingInvitationResponse],
    description: 'Invitations they issued that can still be accepted: cancelled when they are removed',
  })
  invitations!: OffboardingInvitationResponse[];
  @ApiProperty({ type: [OffboardingApiTokenResponse], description: 'Their API tokens (which stop working), and those they minted for service users' })
  apiTokens!: OffboardingApiTokenResponse[];
}
