import { ApiProperty } from '@nestjs/swagger';
import { MEMBER_KINDS, type MembershipView, PERMISSIONS, ROLES } from '../contracts';

export class MemberResponse {
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: MEMBER_KINDS, description: '`service`: a service user, which has no password and never signs in' }) kind!: string;
  @ApiProperty({ description: 'For a service user, its internal address `<userId>@service-users.invalid` (never mailed)' }) email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ enum: PERMISSIONS, isArray: true, description: 'Platform permissions' }) permissions!: string[];
  @ApiProperty({ enum: ['active', 'removed'] }) status!: string;
}

export const toMemberResponse = (m: MembershipView): MemberResponse => ({
  userId: m.userId,
  kind: m.kind,
  email: m.email,
  name: m.name,
  role: m.role,
  permissions: m.permissions,
  status: m.status,
});
