import type { Permission, Role } from './organizations.queries';

/**
 * Platform permissions a member gets when an invitation names none: read-only for `user` and
 * `developer` (developer access is about the console, not about what the user may change through
 * the Platform API), everything for `developer_admin`. Admins can change them later.
 */
export const DEFAULT_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  user: ['ReadAccounts', 'ReadExtensions'],
  developer: ['ReadAccounts', 'ReadExtensions'],
  developer_admin: ['ReadAccounts', 'EditAccounts', 'ReadExtensions', 'EditExtensions'],
};
