import { ApiProperty } from '@nestjs/swagger';
import { CredentialResponse } from '../../shared/credential.response';

export class PolicyViolationResponse {
  @ApiProperty({ enum: ['requireExpiry', 'maxCredentialLifetimeDays', 'organizationWideCredentials', 'thirdPartyApps'] }) rule!: string;
  @ApiProperty({ example: 'expiresAt' }) field!: string;
  @ApiProperty() message!: string;
}

export class ViolatingCredentialResponse {
  @ApiProperty({ type: CredentialResponse }) credential!: CredentialResponse;
  @ApiProperty({ type: [PolicyViolationResponse] }) violations!: PolicyViolationResponse[];
}

export class PolicyViolationsPage {
  @ApiProperty({ type: [ViolatingCredentialResponse] }) items!: ViolatingCredentialResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: every violating credential is listed at once' }) nextCursor!: null;
}
