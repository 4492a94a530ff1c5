import { ApiProperty } from '@nestjs/swagger';
import { type MembershipView, PERMISSIONS, ROLES } from '../contracts';

export class MemberResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ enum: PERMISSIONS, isArray: true, description: 'Platform permissions' }) permissions!: string[];
  @ApiProperty({ enum: ['active', 'removed'] }) status!: string;
}

export const toMemberResponse = (m: MembershipView): MemberResponse => ({
  userId: m.userId,
  email: m.email,
  name: m.name,
  role: m.role,
  permissions: m.permissions,
  status: m.status,
});
