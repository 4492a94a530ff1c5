import { ApiProperty } from '@nestjs/swagger';

export class ClientCredentialsResponse {
  @ApiProperty({ example: 'sbx_3q2-7wX0aVbR1cD4eF5gHw' }) clientId!: string;
  @ApiProperty({ description: 'Shown only in this answer; only its hash is kept' }) clientSecret!: string;
}
