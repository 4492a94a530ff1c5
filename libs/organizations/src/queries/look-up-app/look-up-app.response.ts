import { ApiProperty } from '@nestjs/swagger';
import { ENVIRONMENTS } from '@latchkey/building-blocks';

export class AppLookupResponse {
  @ApiProperty() clientId!: string;
  @ApiProperty({ enum: ENVIRONMENTS }) environment!: string;
  @ApiProperty() appName!: string;
  @ApiProperty() organizationName!: string;
}
