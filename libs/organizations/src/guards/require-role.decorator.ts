import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { MembershipGuard } from './membership.guard';
import { REQUIRED_ROLE, type RequiredRole } from './required-role';

export type { RequiredRole } from './required-role';

/**
 * The role a console route needs, checked by `MembershipGuard` after authentication, on a class or
 * a method (the method's wins): `member` admits any active member (else `403 MEMBERSHIP_REQUIRED`);
 * `developer` developers and developer admins (else `403 DEVELOPER_ACCESS_REQUIRED`);
 * `developer_admin` only developer admins (else `403 DEVELOPER_ADMIN_REQUIRED`). Read the
 * membership with `@Member()`.
 */
export const RequireRole = (role: RequiredRole): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(REQUIRED_ROLE, role), UseGuards(MembershipGuard));
