import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsString, Length, MaxLength } from 'class-validator';
import { IsOmittable } from '@latchkey/building-blocks';
import { API_TOKEN_MAX_LIFETIME_DAYS, API_TOKEN_SCOPES, type ApiTokenScope } from '@latchkey/identity';

export class CreateApiTokenDto {
  @ApiProperty({ example: 'deploy pipeline', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    enum: API_TOKEN_SCOPES,
    isArray: true,
    description: 'At least one; only scopes the owner’s role allows (else `422 INVALID_SCOPE`).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_TOKEN_SCOPES.length)
  @ArrayUnique({ message: 'scopes must not contain duplicates' })
  @IsIn(API_TOKEN_SCOPES, { each: true, message: `scopes must contain only ${API_TOKEN_SCOPES.join(', ')}` })
  scopes!: ApiTokenScope[];

  @ApiProperty({ format: 'date-time', description: `In the future, at most ${API_TOKEN_MAX_LIFETIME_DAYS} days ahead.` })
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date' })
  expiresAt!: string;

  @ApiPropertyOptional({ description: 'The caller’s password: a fresh proof of identity (`422 INVALID_CURRENT_PASSWORD` when wrong or missing).' })
  @IsOmittable()
  @IsString()
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional({
    description: 'The caller’s current TOTP code, when MFA is on (`422 MFA_REQUIRED` without it, `422 INVALID_CODE` when wrong).',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(16)
  totp?: string;
}
