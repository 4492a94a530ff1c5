import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional, IsString } from 'class-validator';
import { MAX_ALLOWED_APPS } from '../domain/credential/credential.decide';
import type { AllowedAppsPolicy } from '../domain/credential/credential.events';

/** `allowedApps` of a creation or a change; the `{type, clientIds}` union is checked by `checkAllowedApps`. */
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
