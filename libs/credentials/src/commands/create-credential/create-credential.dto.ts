import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsIn, IsObject, IsString, ValidateIf, ValidateNested } from 'class-validator';
import { MAX_ALLOWED_ADDRESSES } from '../../domain/credential/credential.decide';
import { CheckFields, IsOmittable } from '@latchkey/building-blocks';
import { ALLOWED_APPS_SHAPE, AllowedAppsDto } from '../../shared/allowed-apps.dto';
import { LABEL_MAX_LENGTH } from '../../shared/credential-input';
import { creationErrors } from './create-credential.validation';

/**
 * The types of a creation, and its rules (label text, expiry, the allowed-apps union) answered with them;
 * `validCreation` applies the rules again at the time of the command.
 */
@CheckFields(creationErrors)
export class CreateCredentialDto {
  @ApiProperty({ example: 'CI pipeline', description: `1–${LABEL_MAX_LENGTH} characters, no control characters; stored literally` })
  @IsString({ message: 'label must be a string' })
  label!: string;

  @ApiProperty({ enum: ['production', 'sandbox'], description: 'Fixed for the life of the credential' })
  @IsIn(['production', 'sandbox'], { message: 'environment must be "production" or "sandbox"' })
  environment!: 'production' | 'sandbox';

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    example: '2027-01-01T00:00:00Z',
    description:
      'Required: an ISO 8601 date or date-time with a time zone, in the future (truncated to whole seconds), or null for a credential that never expires',
  })
  @ValidateIf((body: CreateCredentialDto) => body.expiresAt !== null)
  @IsString({ message: 'expiresAt must be an ISO 8601 date-time, or null for a credential that never expires' })
  expiresAt!: string | null;

  @ApiProperty({ type: AllowedAppsDto })
  @IsDefined({
    message: ({ value }) =>
      value === null ? `allowedApps must not be null: send ${ALLOWED_APPS_SHAPE}` : `allowedApps is required: ${ALLOWED_APPS_SHAPE}`,
  })
  @IsObject({ message: `allowedApps must be ${ALLOWED_APPS_SHAPE}` })
  @ValidateNested()
  @Type(() => AllowedAppsDto)
  allowedApps!: AllowedAppsDto;

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
    description: `The IPv4 or IPv6 addresses or CIDR ranges (at most ${MAX_ALLOWED_ADDRESSES}) the token endpoint and refresh accept requests with this credential from; \`[]\` or absent: any address. Stored canonical (a bare address is its /32 or /128; host bits cleared). Others are refused with \`400 invalid_grant\`, \`OAU-281\`.`,
  })
  @IsOmittable({ message: 'allowedAddresses must not be null: send [] for any address' })
  @IsArray({ message: 'allowedAddresses must be an array of IPv4 or IPv6 addresses or CIDR ranges ([] for any address)' })
  allowedAddresses?: string[];
}
