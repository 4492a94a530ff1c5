import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsObject, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { POLICY_LIMITS, THIRD_PARTY_APPS, type ThirdPartyApps } from '../../contracts';

const { maxCredentialLifetimeDays: LIFETIME, inactiveCredentialRevocationDays: INACTIVITY } = POLICY_LIMITS;

export class OrganizationWideCredentialsDto {
  @ApiProperty({ description: 'Whether production credentials may allow every app of the organization' })
  @IsBoolean({ message: 'organizationWideCredentials.production must be true or false' })
  production!: boolean;

  @ApiProperty({ description: 'Whether sandbox credentials may allow every app of the organization' })
  @IsBoolean({ message: 'organizationWideCredentials.sandbox must be true or false' })
  sandbox!: boolean;
}

/** The whole policy: every field is required (a PUT replaces the document); a missing one is a 400. */
export class SetPolicyDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: LIFETIME.min,
    maximum: LIFETIME.max,
    description: 'Longest time from a credential’s creation to its expiry, in days; null: no limit',
  })
  @ValidateIf((body: SetPolicyDto) => body.maxCredentialLifetimeDays !== null)
  @IsInt({ message: `maxCredentialLifetimeDays must be a whole number of days (${LIFETIME.min}–${LIFETIME.max}) or null` })
  @Min(LIFETIME.min, { message: `maxCredentialLifetimeDays must be at least ${LIFETIME.min}` })
  @Max(LIFETIME.max, { message: `maxCredentialLifetimeDays must be at most ${LIFETIME.max}` })
  maxCredentialLifetimeDays!: number | null;

  @ApiProperty({ description: 'Credentials must have an expiry' })
  @IsBoolean({ message: 'requireExpiry must be true or false' })
  requireExpiry!: boolean;

  @ApiProperty({ type: OrganizationWideCredentialsDto })
  @IsDefined({ message: 'organizationWideCredentials is required: {"production": boolean, "sandbox": boolean}' })
  @IsObject({ message: 'organizationWideCredentials must be {"production": boolean, "sandbox": boolean}' })
  @ValidateNested()
  @Type(() => OrganizationWideCredentialsDto)
  organizationWideCredentials!: OrganizationWideCredentialsDto;

  @ApiProperty({
    enum: THIRD_PARTY_APPS,
    description:
      'Apps of other organizations in a credential’s allowed apps: `allowed`, `approval` (refused until approval requests exist), or `forbidden`',
  })
  @IsIn(THIRD_PARTY_APPS, { message: `thirdPartyApps must be one of ${THIRD_PARTY_APPS.join(', ')}` })
  thirdPartyApps!: ThirdPartyApps;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: INACTIVITY.min,
    maximum: INACTIVITY.max,
    description:
      'A credential unused for this many days (since its last use, or its creation) is revoked with reason `inactive`, after a notice at least 7 days before; null: never',
  })
  @ValidateIf((body: SetPolicyDto) => body.inactiveCredentialRevocationDays !== null)
  @IsInt({ message: `inactiveCredentialRevocationDays must be a whole number of days (${INACTIVITY.min}–${INACTIVITY.max}) or null` })
  @Min(INACTIVITY.min, { message: `inactiveCredentialRevocationDays must be at least ${INACTIVITY.min}` })
  @Max(INACTIVITY.max, { message: `inactiveCredentialRevocationDays must be at most ${INACTIVITY.max}` })
  inactiveCredentialRevocationDays!: number | null;

  @ApiProperty({ description: 'Members must enrol in MFA (stored and shown; enforced once MFA enrolment exists)' })
  @IsBoolean({ message: 'requireMfa must be true or false' })
  requireMfa!: boolean;
}
