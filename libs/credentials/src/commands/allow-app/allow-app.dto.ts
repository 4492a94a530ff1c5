import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

/** The type of the client id; `validClientId` checks the rest. */
export class AllowAppDto {
  @ApiProperty({ description: 'Client id of an app of the credential’s environment, of any organization (find it with GET /console/v1/apps/lookup)' })
  @IsString({ message: 'clientId must be a string' })
  clientId!: string;
}
