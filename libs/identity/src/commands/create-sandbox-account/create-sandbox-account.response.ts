import { ApiProperty } from '@nestjs/swagger';

export class SandboxAccountResponse {
  @ApiProperty({ enum: ['sandbox'] })
  environment!: 'sandbox';

  @ApiProperty({ example: '402301234567890', description: "The caller's user id in the sandbox environment (a token's `owner_id` there)." })
  userId!: string;
}
