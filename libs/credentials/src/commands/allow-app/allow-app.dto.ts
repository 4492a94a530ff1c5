import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable } from '@latchkey/building-blocks';
import { IsString } from 'class-validator';

/** The type of the client id; `validClientId` checks the rest. */
export class AllowAppDto {
  @ApiProperty({ description: 'Client id of an app of the credential’s environment, of any organization (find it with GET /console/v1/apps/lookup)' })
  @IsString({ message: 'clientId must be a string' })
  clientId!: string;

  @ApiPropertyOptional({
    description:
      'Why apps of other organizations should use the credential (up to 500 characters, no control characters). Required when the organization’s policy is `thirdPartyApps: "approval"` and such an app is added: each one then becomes a credential request for a developer_admin (`400` without it)',
    example: 'Partner Inc. syncs our invoices nightly',
  })
  @IsOmittable()
  @IsString({ message: 'justification must be a string' })
  justification?: string;
}
