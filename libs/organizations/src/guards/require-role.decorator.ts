import { SetMetadata } from '@nestjs/common';

export type RequiredRole = 'developer' | 'developer_admin';

export const REQUIRED_ROLE = 'latchkey:organizations:required-role';

/**
 * The role a route needs, checked by `MembershipGuard`: `developer` admits developers and developer
 * admins (else `403 DEVELOPER_ACCESS_REQUIRED`); `developer_admin` only developer admins (else
 * `403 DEVELOPER_ADMIN_REQUIRED`). Without it, any active member passes.
 */
export const RequireRole = (role: RequiredRole) => SetMetadata(REQUIRED_ROLE, role);
