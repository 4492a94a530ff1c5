import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, ValidateBy } from 'class-validator';
import { IsOmittable } from '@latchkey/building-blocks';
import { canonicalEmail, emailFormatProblem } from '@latchkey/identity';
import { DEFAULT_PERMISSIONS, PERMISSIONS, type Permission, ROLES, type Role } from '../../contracts';

const defaults = ROLES.map((role) => `\`${role}\`: ${DEFAULT_PERMISSIONS[role].join(', ')}`).join('; ');

export class CreateInvitationDto {
  @ApiProperty({ example: 'bob@acme.example', description: 'The invitee registers with this address when accepting (stored lower-cased)' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? canonicalEmail(value) : value))
  @IsString()
  @ValidateBy({
    name: 'isAcceptableEmail',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && emailFormatProblem(v) === null,
      defaultMessage: (a) => emailFormatProblem(String(a?.value)) ?? 'email is invalid',
    },
  })
  email!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({
    enum: PERMISSIONS,
    isArray: true,
    description: `Platform permissions of the new member (distinct, from the catalog). When omitted, the role's defaults: ${defaults}.`,
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(PERMISSIONS.length * 2)
  @ArrayUnique({ message: 'permissions must not contain duplicates' })
  @IsIn(PERMISSIONS, { each: true, message: `permissions must contain only ${PERMISSIONS.join(', ')}` })
  permissions?: Permission[];
}

export class InvitationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) permissions!: string[];
  @ApiProperty({ description: 'Shown only here: send it to the invitee, who accepts with `POST /console/v1/invitations/{token}/accept`' })
  token!: string;
  @ApiProperty({ format: 'date-time', description: 'Seven days after creation' }) expiresAt!: string;
}
