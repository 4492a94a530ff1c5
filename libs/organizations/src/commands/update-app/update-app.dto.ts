import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { IsOmittable } from '@latchkey/building-blocks';
import { GRANT_TYPES, type GrantType, PERMISSIONS, type Permission } from '../../contracts';
import { NO_CONTROL_CHARACTERS } from '../../shared/display-name';

/** What may change about an app; each field as `POST /console/v1/apps` checks it. Absent fields stay; `null` is refused. */
export class UpdateAppDto {
  @ApiPropertyOptional({ example: 'Billing sync', maxLength: 100 })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'Remove control characters such as line breaks and tabs' })
  @IsString()
  @Matches(/\S/, { message: 'Enter a name' })
  @MaxLength(100, { message: 'Use at most 100 characters' })
  @IsOmittable()
  name?: string;

  @ApiPropertyOptional({
    enum: PERMISSIONS,
    isArray: true,
    description: 'Replaces what the app may ask for (distinct, at least one). Narrowing applies to the next token request.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayNotEmpty({ message: 'Choose at least one scope' })
  @ArrayMaxSize(PERMISSIONS.length * 2)
  @ArrayUnique({ message: 'scopes must not contain duplicates' })
  @IsIn(PERMISSIONS, { each: true, message: `scopes must contain only ${PERMISSIONS.join(', ')}` })
  scopes?: Permission[];

  @ApiPropertyOptional({ enum: GRANT_TYPES, isArray: true, description: 'Replaces the grant types (distinct, at least one)' })
  @IsOmittable()
  @IsArray()
  @ArrayNotEmpty({ message: 'Choose at least one grant type' })
  @ArrayMaxSize(GRANT_TYPES.length * 2)
  @ArrayUnique({ message: 'grantTypes must not contain duplicates' })
  @IsIn(GRANT_TYPES, { each: true, message: `grantTypes must contain only ${GRANT_TYPES.join(', ')}` })
  grantTypes?: GrantType[];
}
