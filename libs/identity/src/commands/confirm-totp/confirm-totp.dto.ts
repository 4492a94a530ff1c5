import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ConfirmTotpDto {
  @ApiProperty({ description: 'The 6-digit code the authenticator app shows now', example: '123456', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  code!: string;
}

export class RecoveryCodesResponse {
  @ApiProperty({ type: [String], description: '10 one-time recovery codes, shown only here; each works once in place of a code' })
  recoveryCodes!: string[];
}
