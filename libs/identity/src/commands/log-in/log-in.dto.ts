import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * The e-mail is not format-checked here: it is canonicalised first (a full-width variant of a
 * valid address is the same account), and a malformed one simply matches no account.
 */
export class LoginDto {
  @ApiProperty({ example: 'alice@example.com', maxLength: 320 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ format: 'password', maxLength: 1024 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;

  @ApiProperty({
    required: false,
    maxLength: 64,
    description: 'When two-factor sign-in is on: the 6-digit code of the authenticator app, or one of the recovery codes (each works once)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  totp?: string;
}
