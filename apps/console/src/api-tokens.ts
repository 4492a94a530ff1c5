import type { Role } from './api';

/** The scopes of a console API token, in the order the console shows them, with what each lets a script do. */
export const API_TOKEN_SCOPES = [
  ['credentials:read', 'Read credentials'],
  ['credentials:write', 'Create, change and revoke credentials'],
  ['apps:read', 'Read apps'],
  ['apps:write', 'Create, change and delete apps'],
  ['members:read', 'Read the organization and its members'],
  ['organization:admin', 'Administer members, invitations and the organization’s tokens'],
  ['audit:read', 'Read and export the audit log'],
] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number][0];

export const SCOPE_LABELS: Record<string, string> = Object.fromEntries(API_TOKEN_SCOPES);

/** What a role allows a token to hold (the API refuses more with `INVALID_SCOPE`). */
export function scopesForRole(role: Role | null): ApiTokenScope[] {
  return API_TOKEN_SCOPES.map(([scope]) => scope).filter(
    (scope) =>
      (role === 'developer_admin' || (scope !== 'organization:admin' && scope !== 'audit:read')) && (role !== 'user' || scope !== 'apps:write'),
  );
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: ApiTokenScope[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  status: 'active' | 'expired';
  owner?: { userId: string; email: string };
}

export interface CreatedApiToken extends ApiToken {
  token: string;
}

export const MAX_LIFETIME_DAYS = 366;
export const DEFAULT_LIFETIME_DAYS = 90;
