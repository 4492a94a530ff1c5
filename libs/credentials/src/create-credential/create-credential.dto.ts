import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsIn, IsOptional, IsString, ValidateIf, ValidateNested } from 'class-validator';
import type { AllowedAppsPolicy } from '../credential/credential.events';
import { LABEL_MAX_LENGTH, MAX_ALLOWED_APPS } from '../credential/credential.rules';

export class AllowedAppsDto {
  @ApiProperty({
    enum: ['organization', 'specific'],
    description: '`organization`: any app of your organization; `specific`: only the listed client ids',
  })
  @IsIn(['organization', 'specific'], { message: 'allowedApps.type must be "organization" or "specific"' })
  type!: AllowedAppsPolicy;

  @ApiPropertyOptional({
    type: [String],
    description: `With \`specific\` only: 1–${MAX_ALLOWED_APPS} distinct client ids of apps of the credential’s environment, of any organization`,
  })
  @IsOptional()
  @IsArray({ message: 'allowedApps.clientIds must be an array of client ids' })
  @IsString({ each: true, message: 'allowedApps.clientIds must contain strings' })
  clientIds?: string[];
}

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
  @IsDefined({ message: 'allowedApps is required' })
  @ValidateNested()
  @Type(() => AllowedAppsDto)
  allowedApps!: AllowedAppsDto;
}
