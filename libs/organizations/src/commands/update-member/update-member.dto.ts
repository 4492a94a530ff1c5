import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { IsOmittable } from '@latchkey/building-blocks';
import { PERMISSIONS, type Permission, ROLES, type Role } from '../../contracts';

export class UpdateMemberDto {
  @ApiPropertyOptional({ enum: ROLES, description: 'Demoting the last developer_admin is refused (409 LAST_DEVELOPER_ADMIN)' })
  @IsOmittable()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ enum: PERMISSIONS, isArray: true, description: 'Replaces the member’s platform permissions (distinct, from the catalog)' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(PERMISSIONS.length * 2)
  @ArrayUnique({ message: 'permissions must not contain duplicates' })
  @IsIn(PERMISSIONS, { each: true, message: `permissions must contain only ${PERMISSIONS.join(', ')}` })
  permissions?: Permission[];
}
