import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty({ format: 'password', maxLength: 1024 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({
    format: 'password',
    maxLength: 1024,
    description: 'At least 12 characters (at most 256), mixing two kinds of characters, at least 5 different ones, not the e-mail address.',
  })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}
