import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsString } from 'class-validator';
import { IsOmittable } from '@latchkey/building-blocks';
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
  @IsOmittable({
    message: 'allowedApps.clientIds must not be null: list client ids with allowedApps.type "specific", leave it out with "organization"',
  })
  @IsArray({ message: 'allowedApps.clientIds must be an array of client ids' })
  @IsString({ each: true, message: 'allowedApps.clientIds must contain strings' })
  clientIds?: string[];
}

/** What `allowedApps` must be, for the messages of the DTOs that carry it. */
export const ALLOWED_APPS_SHAPE = '{"type": "organization"} or {"type": "specific", "clientIds": [...]}';
