import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { ENVIRONMENTS, type Environment } from '@latchkey/building-blocks';
import { GRANT_TYPES, type GrantType, PERMISSIONS, type Permission } from '../../contracts';
import { NO_CONTROL_CHARACTERS } from '../../shared/display-name';

export class CreateAppDto {
  @ApiProperty({ example: 'Billing sync', maxLength: 100 })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'Remove control characters such as line breaks and tabs' })
  @IsString()
  @Matches(/\S/, { message: 'Enter a name' })
  @MaxLength(100, { message: 'Use at most 100 characters' })
  name!: string;

  @ApiProperty({ enum: PERMISSIONS, isArray: true, description: 'What the app may ask for (distinct, at least one)' })
  @IsArray()
  @ArrayNotEmpty({ message: 'Choose at least one scope' })
  @ArrayMaxSize(PERMISSIONS.length * 2)
  @ArrayUnique({ message: 'scopes must not contain duplicates' })
  @IsIn(PERMISSIONS, { each: true, message: `scopes must contain only ${PERMISSIONS.join(', ')}` })
  scopes!: Permission[];

  @ApiProperty({ enum: GRANT_TYPES, isArray: true, description: 'Distinct, at least one; `refresh_token` lets the app receive refresh tokens' })
  @IsArray()
  @ArrayNotEmpty({ message: 'Choose at least one grant type' })
  @ArrayMaxSize(GRANT_TYPES.length * 2)
  @ArrayUnique({ message: 'grantTypes must not contain duplicates' })
  @IsIn(GRANT_TYPES, { each: true, message: `grantTypes must contain only ${GRANT_TYPES.join(', ')}` })
  grantTypes!: GrantType[];

  @ApiProperty({ enum: ENVIRONMENTS, isArray: true, description: 'Distinct, at least one; the app gets one client per environment' })
  @IsArray()
  @ArrayNotEmpty({ message: 'Choose at least one environment' })
  @ArrayMaxSize(ENVIRONMENTS.length * 2)
  @ArrayUnique({ message: 'environments must not contain duplicates' })
  @IsIn(ENVIRONMENTS, { each: true, message: `environments must contain only ${ENVIRONMENTS.join(', ')}` })
  environments!: Environment[];
}
