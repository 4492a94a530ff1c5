import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsObject, IsString, ValidateIf, ValidateNested } from 'class-validator';
import { MAX_ALLOWED_ADDRESSES } from '../../domain/credential/credential.decide';
import { CheckFields, IsOmittable } from '@latchkey/building-blocks';
import { ALLOWED_APPS_SHAPE, AllowedAppsDto } from '../../shared/allowed-apps.dto';
import { LABEL_MAX_LENGTH } from '../../shared/credential-input';
import { changeErrors } from './update-credential.validation';

/**
 * Only the given fields change. The environment never changes (sending it is a 400: unknown field).
 * The types are checked here, and the rules answered with them; `validChanges` applies the rules again at the time of the command.
 */
@CheckFields(changeErrors)
export class UpdateCredentialDto {
  @ApiPropertyOptional({ description: `1–${LABEL_MAX_LENGTH} characters, no control characters; stored literally` })
  @IsOmittable()
  @IsString({ message: 'label must be a string' })
  label?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date-time',
    description:
      'A future ISO 8601 date or date-time with a time zone, or null for "never". It may be brought forward, but not past the `exp` of the credential’s JWT (`422 EXPIRY_EXTENSION_NOT_ALLOWED`).',
  })
  @ValidateIf((body: UpdateCredentialDto) => body.expiresAt !== null && body.expiresAt !== undefined)
  @IsString({ message: 'expiresAt must be an ISO 8601 date-time, or null for a credential that never expires' })
  expiresAt?: string | null;

  @ApiPropertyOptional({ type: AllowedAppsDto, description: 'Replaces the allowed apps as a whole; leave it out (never `null`) to keep them' })
  @IsOmittable({ message: `allowedApps must not be null: leave it out to keep the allowed apps, or send ${ALLOWED_APPS_SHAPE}` })
  @IsObject({ message: `allowedApps must be ${ALLOWED_APPS_SHAPE}` })
  @ValidateNested()
  @Type(() => AllowedAppsDto)
  allowedApps?: AllowedAppsDto;

  @ApiPropertyOptional({
    description:
      'Why apps of other organizations should use the credential (up to 500 characters, no control characters). Required when the organization’s policy is `thirdPartyApps: "approval"` and such an app is added: each one then becomes a credential request for a developer_admin (`400` without it)',
    example: 'Partner Inc. syncs our invoices nightly',
  })
  @IsOmittable()
  @IsString({ message: 'justification must be a string' })
  justification?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['203.0.113.0/24', '2001:db8::/32'],
    description: `Replaces the allowlist as a whole: IPv4 or IPv6 addresses or CIDR ranges (at most ${MAX_ALLOWED_ADDRESSES}) the token endpoint and refresh accept requests with this credential from; \`[]\`: any address. Stored canonical (a bare address is its /32 or /128; host bits cleared). Others are refused with \`400 invalid_grant\`, \`OAU-281\`.`,
  })
  @IsOmittable({ message: 'allowedAddresses must not be null: send [] for any address, or leave it out to keep the allowlist' })
  @IsArray({ message: 'allowedAddresses must be an array of IPv4 or IPv6 addresses or CIDR ranges ([] for any address)' })
  allowedAddresses?: string[];
}
