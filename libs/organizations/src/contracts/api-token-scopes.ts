import { API_TOKEN_SCOPES, type ApiTokenScope } from '@latchkey/identity';
import type { Role } from './organizations.queries';

/** Scopes that only a developer_admin (or a service user with that role) may hold. */
const ADMIN_SCOPES: readonly ApiTokenScope[] = ['organization:admin', 'audit:read'];
/** Scopes whose every route needs developer access. */
const DEVELOPER_SCOPES: readonly ApiTokenScope[] = ['apps:write'];

/**
 * The scopes a member's role allows a console API token to hold: checked at creation
 * (`422 INVALID_SCOPE`) and on every request against the owner's current role (a demotion narrows the
 * tokens, `403 INSUFFICIENT_SCOPE`).
 */
export function grantableScopes(role: Role): ApiTokenScope[] {
  return API_TOKEN_SCOPES.filter(
    (scope) => (role === 'developer_admin' || !ADMIN_SCOPES.includes(scope)) && (role !== 'user' || !DEVELOPER_SCOPES.includes(scope)),
  );
}
