import type { Environment } from '@latchkey/building-blocks';
import type { AppClientView } from '@latchkey/organizations';
import type { RevocationReason } from '../domain/credential/credential.events';
import { isExpired, isPendingApproval } from '../domain/credential/credential.state';
import type { CredentialRow, CredentialUsageRow } from '../read-models/credential-list/credential-list.projection';

export interface AllowedAppView {
  clientId: string;
  /** Null only if the app directory no longer knows the client. */
  appName: string | null;
  organizationName: string | null;
  /** `pending_approval` while a developer_admin has not approved the app's credential request: the token endpoint refuses it (`OAU-280`). */
  status: 'active' | 'pending_approval';
}

export type AllowedAppsView = { type: 'organization' } | { type: 'specific'; apps: AllowedAppView[] };

/** The last recorded use of a credential. */
export interface LastUseView {
  at: string;
  /** Null for uses recorded before the app was kept with them. */
  clientId: string | null;
  /** Null when unknown to the app directory (a deleted app). */
  appName: string | null;
  address: string | null;
  userAgent: string | null;
}

/** One app's uses of a credential. */
export interface UsedByView {
  clientId: string;
  appName: string | null;
  lastUsedAt: string;
  count: number;
}

/** A credential as the console shows it. Never the JWT: that is shown once, at creation. */
export interface CredentialView {
  id: string;
  label: string;
  environment: Environment;
  /** `pending_approval`: not revoked or expired, but every one of its apps waits for an administrator's approval. */
  status: 'active' | 'pending_approval' | 'revoked' | 'expired';
  allowedApps: AllowedAppsView;
  ownerId: string;
  ownerEmail: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Who or what revoked it: `owner`, `admin`, `member_removed`, `policy`, `inactive`, `leaked` or `denied`; null while not revoked. */
  revocationReason: RevocationReason | null;
  lastUsedAt: string | null;
  /** Canonical CIDR ranges the token endpoint accepts the credential from; `[]`: any address. */
  allowedAddresses: string[];
  lastUsed: LastUseView | null;
  usedBy: UsedByView[];
  revision: number;
}

/** The client ids a view names (allowed apps, last use, apps that used it), for the presenter to look up. */
export function namedClientIds(row: CredentialRow, usedBy: readonly CredentialUsageRow[]): string[] {
  const ids = row.policy === 'specific' ? (JSON.parse(row.client_ids) as string[]) : [];
  if (row.last_used_client_id) ids.push(row.last_used_client_id);
  return [...ids, ...usedBy.map((u) => u.client_id)];
}

/** The view of a list row at `now`, naming its apps from what the app directory answered. */
export function toCredentialView(
  row: CredentialRow,
  apps: ReadonlyMap<string, AppClientView | null>,
  now: string,
  usedBy: readonly CredentialUsageRow[] = [],
): CredentialView {
  const appName = (clientId: string | null) => (clientId === null ? null : (apps.get(clientId)?.appName ?? null));
  const clientIds = JSON.parse(row.client_ids) as string[];
  const pending = JSON.parse(row.pending_client_ids ?? '[]') as string[];
  const status =
    row.status === 'revoked' || row.status === 'deleted'
      ? 'revoked'
      : isExpired({ expiresAt: row.expires_at }, now)
        ? 'expired'
        : isPendingApproval({ policy: row.policy, clientIds, pendingClientIds: pending })
          ? 'pending_approval'
          : 'active';
  const allowedApps: AllowedAppsView =
    row.policy === 'organization'
      ? { type: 'organization' }
      : {
          type: 'specific',
          apps: clientIds.map((clientId) => {
            const app = apps.get(clientId);
            return {
              clientId,
              appName: app?.appName ?? null,
              organizationName: app?.organizationName ?? null,
              status: pending.includes(clientId) ? 'pending_approval' : 'active',
            };
          }),
        };
  return {
    id: row.credential_id,
    label: row.label,
    environment: row.environment,
    status,
    allowedApps,
    ownerId: row.owner_id,
    ownerEmail: row.owner_email,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    revocationReason: row.status === 'active' ? null : (row.revocation_reason ?? null),
    lastUsedAt: row.last_used_at,
    allowedAddresses: JSON.parse(row.allowed_addresses ?? '[]') as string[],
    lastUsed:
      row.last_used_at === null
        ? null
        : {
            at: row.last_used_at,
            clientId: row.last_used_client_id,
            appName: appName(row.last_used_client_id),
            address: row.last_used_address,
            userAgent: row.last_used_user_agent,
          },
    usedBy: usedBy.map((u) => ({ clientId: u.client_id, appName: appName(u.client_id), lastUsedAt: u.last_used_at, count: u.count })),
    revision: row.revision,
  };
}
