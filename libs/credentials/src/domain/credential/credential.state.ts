import { type Environment } from '@latchkey/building-blocks';
import type { AllowedAppsPolicy, CredentialEvent } from './credential.events';

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
  allowedAddresses: [],
  appsSeen: [],
  ownerId: '',
  organizationId: '',
  createdAt: '',
  revokedAt: null,
  lastUsedAt: null,
  inactivityNotice: null,
});

export const isExpired = (state: Pick<CredentialState, 'expiresAt'>, at: string): boolean =>
  state.expiresAt !== null && Date.parse(state.expiresAt) <= Date.parse(at);

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
        allowedAddresses: d.allowedAddresses ?? [],
        appsSeen: state.appsSeen,
        ownerId: d.ownerId,
        organizationId: d.organizationId,
        createdAt: d.createdAt,
        revokedAt: null,
        lastUsedAt: null,
        inactivityNotice: null,
      };
    }
    case 'CredentialLabelChanged':
      return { ...state, label: event.data.label };
    case 'CredentialExpiryChanged':
      return { ...state, expiresAt: event.data.expiresAt };
    case 'CredentialAllowedAppsSet':
      return { ...state, policy: event.data.policy, clientIds: event.data.clientIds };
    case 'CredentialAllowedAddressesSet':
      return { ...state, allowedAddresses: event.data.allowedAddresses };
    case 'CredentialUsedByNewApp':
      return state.appsSeen.includes(event.data.clientId) ? state : { ...state, appsSeen: [...state.appsSeen, event.data.clientId] };
    case 'CredentialAppAllowed':
      return { ...state, clientIds: [...state.clientIds, event.data.clientId] };
    case 'CredentialAppDisallowed':
      return { ...state, clientIds: state.clientIds.filter((id) => id !== event.data.clientId) };
    case 'CredentialRevoked':
      return { ...state, status: 'revoked', revokedAt: event.data.revokedAt };
    case 'CredentialDeleted':
      return { ...state, status: 'deleted' };
    case 'CredentialInactivityNoticed':
      return { ...state, inactivityNotice: { inactiveSince: event.data.inactiveSince, revokeAt: event.data.revokeAt } };
    case 'CredentialUsed':
      return { ...state, lastUsedAt: state.lastUsedAt && state.lastUsedAt > event.data.lastUsedAt ? state.lastUsedAt : event.data.lastUsedAt };
    default:
      return state;
  }
}
