import { ApiProperty } from '@nestjs/swagger';

export class SessionUserResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'alice@example.com', description: 'Canonical form: NFKC, lower-case, trimmed.' })
  email!: string;

  @ApiProperty({ example: 'Alice Liddell' })
  name!: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'Console session token, for `Authorization: Bearer`. Shown only here.' })
  token!: string;

  @ApiProperty({ format: 'date-time', description: 'Sessions last 12 hours.' })
  expiresAt!: string;

  @ApiProperty({ type: SessionUserResponse })
  user!: SessionUserResponse;
}
