import { type Environment } from '@latchkey/building-blocks';
import type { AllowedAppsPolicy, CredentialEvent, ExpiryNoticeDays } from './credential.events';

/**
 * What a credential that "never expires" carries as its JWT `exp`: 2100-01-01T00:00:00Z
 * (4102444800), a fixed date far in the future, as RingCentral's never-expiring credentials do. A
 * JWT needs some `exp` for libraries that insist on one; the allowlist entry says `expiresAt: null`.
 */
export const NEVER_EXPIRES_AT = '2100-01-01T00:00:00.000Z';

/** JWT times (`iat`, `exp`) and the allowlist's expiry are epoch seconds. */
export const epochSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

export type CredentialStatus = 'none' | 'active' | 'revoked' | 'deleted';

export interface CredentialState {
  status: CredentialStatus;
  credentialId: string;
  environment: Environment;
  label: string;
  expiresAt: string | null;
  /** The `exp` written into the JWT at creation: an expiry can move earlier than this, never later. */
  tokenExpiresAt: string;
  policy: AllowedAppsPolicy;
  clientIds: string[];
  /** The client ids of `clientIds` that wait for an administrator's approval: refused by the token endpoint until approved. */
  pendingClientIds: string[];
  /** Client id → the credential request that decides it: the one pending (only that request may decide), then the one that approved it. */
  requests: Record<string, string>;
  /** Canonical CIDR ranges; empty: any address. */
  allowedAddresses: string[];
  /** The apps recorded as having used the credential (its apps stream). */
  appsSeen: string[];
  ownerId: string;
  organizationId: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** The latest inactivity notice: the period of inactivity it was for and when it announced the revocation. */
  inactivityNotice: { inactiveSince: string; revokeAt: string } | null;
  /** The expiry notices given for the current `expiresAt` (days before it); a changed expiry starts again. */
  expiryNotices: ExpiryNoticeDays[];
  /** Whether its expiry was recorded (`CredentialExpired`). */
  expiryRecorded: boolean;
}

export const initialCredentialState = (): CredentialState => ({
  status: 'none',
  credentialId: '',
  environment: 'production',
  label: '',
  expiresAt: null,
  tokenExpiresAt: NEVER_EXPIRES_AT,
  policy: 'organization',
  clientIds: [],
  pendingClientIds: [],
  requests: {},
  allowedAddresses: [],
  appsSeen: [],
  ownerId: '',
  organizationId: '',
  createdAt: '',
  revokedAt: null,
  lastUsedAt: null,
  inactivityNotice: null,
  expiryNotices: [],
  expiryRecorded: false,
});

export const isExpired = (state: Pick<CredentialState, 'expiresAt'>, at: string): boolean =>
  state.expiresAt !== null && Date.parse(state.expiresAt) <= Date.parse(at);

/** A credential none of whose apps may use it yet: every one of its specific apps waits for approval. */
export const isPendingApproval = (state: Pick<CredentialState, 'policy' | 'clientIds' | 'pendingClientIds'>): boolean =>
  state.policy === 'specific' && state.clientIds.length > 0 && state.clientIds.every((id) => state.pendingClientIds.includes(id));

/** The entries of `requests` for the apps still on the list. */
const keep = (requests: Record<string, string>, clientIds: readonly string[]): Record<string, string> =>
  Object.fromEntries(Object.entries(requests).filter(([clientId]) => clientIds.includes(clientId)));

export function evolve(state: CredentialState, event: CredentialEvent): CredentialState {
  switch (event.type) {
    case 'CredentialCreated': {
      const d = event.data;
      return {
        status: 'active',
        credentialId: d.credentialId,
        environment: d.environment,
        label: d.label,
        expiresAt: d.expiresAt,
        tokenExpiresAt: d.expiresAt ?? NEVER_EXPIRES_AT,
        policy: d.policy,
        clientIds: d.clientIds,
        pendingClientIds: d.pendingClientIds ?? [],
        requests: d.requestIds ?? {},
        allowedAddresses: d.allowedAddresses ?? [],
        appsSeen: state.appsSeen,
        ownerId: d.ownerId,
        organizationId: d.organizationId,
        createdAt: d.createdAt,
        revokedAt: null,
        lastUsedAt: null,
        inactivityNotice: null,
        expiryNotices: [],
        expiryRecorded: false,
      };
    }
    case 'CredentialLabelChanged':
      return { ...state, label: event.data.label };
    case 'CredentialExpiryChanged':
      return { ...state, expiresAt: event.data.expiresAt, expiryNotices: [] };
    case 'CredentialAllowedAppsSet':
      return {
        ...state,
        policy: event.data.policy,
        clientIds: event.data.clientIds,
        pendingClientIds: event.data.pendingClientIds ?? [],
        requests: { ...keep(state.requests, event.data.clientIds), ...event.data.requestIds },
      };
    case 'CredentialAllowedAddressesSet':
      return { ...state, allowedAddresses: event.data.allowedAddresses };
    case 'CredentialUsedByNewApp':
      return state.appsSeen.includes(event.data.clientId) ? state : { ...state, appsSeen: [...state.appsSeen, event.data.clientId] };
    case 'CredentialAppAllowed':
      return {
        ...state,
        clientIds: [...state.clientIds, event.data.clientId],
        pendingClientIds: event.data.pending ? [...state.pendingClientIds, event.data.clientId] : state.pendingClientIds,
        requests: event.data.requestId ? { ...state.requests, [event.data.clientId]: event.data.requestId } : state.requests,
      };
    case 'CredentialAppDisallowed':
    case 'CredentialAppDenied':
      return {
        ...state,
        clientIds: state.clientIds.filter((id) => id !== event.data.clientId),
        pendingClientIds: state.pendingClientIds.filter((id) => id !== event.data.clientId),
        requests: keep(
          state.requests,
          state.clientIds.filter((id) => id !== event.data.clientId),
        ),
      };
    case 'CredentialAppApproved':
      return {
        ...state,
        pendingClientIds: state.pendingClientIds.filter((id) => id !== event.data.clientId),
        requests: { ...state.requests, [event.data.clientId]: event.data.requestId },
      };
    case 'CredentialRevoked':
      return { ...state, status: 'revoked', revokedAt: event.data.revokedAt };
    case 'CredentialDeleted':
      return { ...state, status: 'deleted' };
    case 'CredentialInactivityNoticed':
      return { ...state, inactivityNotice: { inactiveSince: event.data.inactiveSince, revokeAt: event.data.revokeAt } };
    case 'CredentialExpiryNoticed':
      if (event.data.expiresAt !== state.expiresAt) return state;
      return { ...state, expiryNotices: [...state.expiryNotices, event.data.daysBefore] };
    case 'CredentialExpired':
      return { ...state, expiryRecorded: true };
    case 'CredentialUsed':
      return { ...state, lastUsedAt: state.lastUsedAt && state.lastUsedAt > event.data.lastUsedAt ? state.lastUsedAt : event.data.lastUsedAt };
    default:
      return state;
  }
}
