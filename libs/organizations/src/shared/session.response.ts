import { ApiProperty } from '@nestjs/swagger';

export class SessionResponse {
  @ApiProperty({ description: 'Console session token (Bearer); shown once' }) token!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
