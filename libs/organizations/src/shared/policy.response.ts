import { ApiProperty } from '@nestjs/swagger';
import { THIRD_PARTY_APPS, type ThirdPartyApps } from '../contracts';
import { OrganizationWideCredentialsDto } from '../commands/set-policy/set-policy.dto';

export class PolicyResponse {
  @ApiProperty({ type: Number, nullable: true, example: 90 }) maxCredentialLifetimeDays!: number | null;
  @ApiProperty() requireExpiry!: boolean;
  @ApiProperty({ type: OrganizationWideCredentialsDto }) organizationWideCredentials!: { production: boolean; sandbox: boolean };
  @ApiProperty({ enum: THIRD_PARTY_APPS }) thirdPartyApps!: ThirdPartyApps;
  @ApiProperty({ type: Number, nullable: true, example: 90 }) inactiveCredentialRevocationDays!: number | null;
  @ApiProperty() requireMfa!: boolean;
  @ApiProperty({ description: 'How many times the policy changed (0: the defaults); the ETag' }) revision!: number;
}
