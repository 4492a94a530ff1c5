import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { IsOmittable } from '@latchkey/building-blocks';
import { DEFAULT_PERMISSIONS, PERMISSIONS, type Permission } from '../../contracts';
import { SERVICE_USER_ROLES } from '../../domain/organization/organization.decide';
import { NO_CONTROL_CHARACTERS } from '../../shared/display-name';

type ServiceUserRole = (typeof SERVICE_USER_ROLES)[number];

const defaults = SERVICE_USER_ROLES.map((role) => `\`${role}\`: ${DEFAULT_PERMISSIONS[role].join(', ')}`).join('; ');

export class CreateServiceUserDto {
  @ApiProperty({ example: 'Billing sync', maxLength: 100, description: 'What the service user is for, as members see it' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'Remove control characters such as line breaks and tabs' })
  @IsString()
  @Matches(/\S/, { message: 'Enter a name for the service user' })
  @MaxLength(100, { message: 'Use at most 100 characters' })
  name!: string;

  @ApiProperty({ enum: SERVICE_USER_ROLES, description: 'A service user always has developer access' })
  @IsIn(SERVICE_USER_ROLES, { message: `role must be one of ${SERVICE_USER_ROLES.join(', ')}` })
  role!: ServiceUserRole;

  @ApiPropertyOptional({
    enum: PERMISSIONS,
    isArray: true,
    description: `Platform permissions of the service user (distinct, from the catalog). When omitted, the role's defaults: ${defaults}.`,
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(PERMISSIONS.length * 2)
  @ArrayUnique({ message: 'permissions must not contain duplicates' })
  @IsIn(PERMISSIONS, { each: true, message: `permissions must contain only ${PERMISSIONS.join(', ')}` })
  permissions?: Permission[];
}
