/** `member`: any active member of an organization. */
export type RequiredRole = 'member' | 'developer' | 'developer_admin';

/** Where `@RequireRole` leaves the role a route needs, for `MembershipGuard`. */
export const REQUIRED_ROLE = 'latchkey:organizations:required-role';
