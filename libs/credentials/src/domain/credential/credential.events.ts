import { type Environment } from '@latchkey/building-blocks';
import type { DomainEvent } from '@latchkey/event-store';

export const credentialStream = (credentialId: string): string => `credential-${credentialId}`;
export const CREDENTIAL_STREAM_PREFIX = 'credential-';
/** Uses of a credential: `CredentialUsed` events, kept apart so they never move its revision. */
export const credentialUsageStream = (credentialId: string): string => `credentialUsage-${credentialId}`;
export const CREDENTIAL_USAGE_STREAM_PREFIX = 'credentialUsage-';
/** The apps that have used a credential: one `CredentialUsedByNewApp` per app, appended with an expected revision so each is recorded once. */
export const credentialAppsStream = (credentialId: string): string => `credentialApps-${credentialId}`;
export const CREDENTIAL_APPS_STREAM_PREFIX = 'credentialApps-';

export type AllowedAppsPolicy = 'organization' | 'specific';

/**
 * A credential was created. The JWT minted for it is never part of any event: only its id (the
 * JWT's `jti`) is stored.
 */
export type CredentialCreated = DomainEvent<
  'CredentialCreated',
  {
    credentialId: string;
    label: string;
    environment: Environment;
    /** ISO time, whole seconds; null for a credential that never expires. */
    expiresAt: string | null;
    policy: AllowedAppsPolicy;
    /** For the `specific` policy: the allowed client ids (never empty). Empty for `organization`. */
    clientIds: string[];
    ownerId: string;
    ownerEmail: string;
    /** The owner's user id in the credential's environment: the JWT's `sub`. */
    ownerEnvironmentUserId: string;
    organizationId: string;
    createdAt: string;
    /**
     * The client ids of `clientIds` that wait for an administrator's approval (apps of another
     * organization under `thirdPartyApps: "approval"`); absent when none does.
     */
    pendingClientIds?: string[];
    /** For each pending app, the credential request that decides it. */
    requestIds?: Record<string, string>;
    /** Canonical CIDR ranges the token endpoint accepts requests from; empty or absent (before allowlists existed): any address. */
    allowedAddresses?: string[];
  }
>;

export type CredentialLabelChanged = DomainEvent<
  'CredentialLabelChanged',
  { credentialId: string; label: string; previousLabel: string; changedAt: string }
>;

export type CredentialExpiryChanged = DomainEvent<
  'CredentialExpiryChanged',
  { credentialId: string; expiresAt: string | null; previousExpiresAt: string | null; changedAt: string }
>;

/**
 * The allowed-apps policy was replaced as a whole; `pendingClientIds` (absent when none) are those
 * of the list still waiting for approval, `requestIds` the requests of the apps this change added as pending.
 */
export type CredentialAllowedAppsSet = DomainEvent<
  'CredentialAllowedAppsSet',
  {
    credentialId: string;
    policy: AllowedAppsPolicy;
    clientIds: string[];
    pendingClientIds?: string[];
    requestIds?: Record<string, string>;
    changedAt: string;
  }
>;

/** The address allowlist was replaced as a whole (canonical CIDR ranges; empty: any address). */
export type CredentialAllowedAddressesSet = DomainEvent<
  'CredentialAllowedAddressesSet',
  { credentialId: string; allowedAddresses: string[]; previousAllowedAddresses: string[]; changedAt: string }
>;

/** One app was added to a `specific` list; `pending` when it waits for an administrator's approval on the request `requestId`. */
export type CredentialAppAllowed = DomainEvent<
  'CredentialAppAllowed',
  { credentialId: string; clientId: string; pending?: boolean; requestId?: string; changedAt: string }
>;

/** A pending app was approved (by the credential request `requestId`): usable from now on. */
export type CredentialAppApproved = DomainEvent<
  'CredentialAppApproved',
  { credentialId: string; clientId: string; requestId: string; approvedAt: string }
>;

/** A pending app was denied (by the credential request `requestId`): it leaves the list. */
export type CredentialAppDenied = DomainEvent<'CredentialAppDenied', { credentialId: string; clientId: string; requestId: string; deniedAt: string }>;

/** One app was removed from a `specific` list (never the last one). */
export type CredentialAppDisallowed = DomainEvent<'CredentialAppDisallowed', { credentialId: string; clientId: string; changedAt: string }>;

/** The reason text of the revocations that follow the owner's removal from the organization. */
export const OWNER_REMOVED_REASON = 'Owner removed from the organization';

/**
 * Who or what revoked a credential: its owner, an admin, the owner's removal, the policy's violations
 * action, inactivity, a leak report, or the denial of the only app of a pending credential.
 */
export const REVOCATION_REASONS = ['owner', 'admin', 'member_removed', 'policy', 'inactive', 'leaked', 'denied'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/**
 * `reason` is the free text a person gave; `revocationReason` says who or what revoked it (absent
 * from revocations recorded before it was kept: the list projection infers it from the actor).
 */
export type CredentialRevoked = DomainEvent<
  'CredentialRevoked',
  { credentialId: string; reason: string | null; revocationReason?: RevocationReason; revokedAt: string }
>;

/**
 * The credential has not been used since `inactiveSince`; unless it is used, it is revoked with
 * reason `inactive` at `revokeAt` (at least 7 days after this notice). Recorded by the system.
 */
export type CredentialInactivityNoticed = DomainEvent<
  'CredentialInactivityNoticed',
  { credentialId: string; inactiveSince: string; revokeAt: string; noticedAt: string }
>;

/** How many days before its expiry a credential gets a notice: a week, then a day. */
export const EXPIRY_NOTICE_DAYS = [7, 1] as const;
export type ExpiryNoticeDays = (typeof EXPIRY_NOTICE_DAYS)[number];

/**
 * The credential expires at `expiresAt`, within `daysBefore` days of `noticedAt`. Recorded by the
 * system, once per notice and expiry: a changed expiry gets notices of its own.
 */
export type CredentialExpiryNoticed = DomainEvent<
  'CredentialExpiryNoticed',
  { credentialId: string; expiresAt: string; daysBefore: ExpiryNoticeDays; noticedAt: string }
>;

/** The credential expired at `expiredAt` (its `expiresAt`); recorded by the system at `recordedAt`, once. */
export type CredentialExpired = DomainEvent<'CredentialExpired', { credentialId: string; expiredAt: string; recordedAt: string }>;

/** The credential is gone from every list and refused by the token endpoint; its history stays. */
export type CredentialDeleted = DomainEvent<'CredentialDeleted', { credentialId: string; deletedAt: string }>;

/**
 * Token requests made with the credential by one app, aggregated over a short batch. `address` and
 * `userAgent` are those of the last of them (absent in uses recorded before they were kept).
 */
export type CredentialUsed = DomainEvent<
  'CredentialUsed',
  { credentialId: string; clientId: string; lastUsedAt: string; count: number; address?: string | null; userAgent?: string | null }
>;

/** Why the token endpoint refused a use of the credential that it records. */
export type UseRefusalReason = 'address_not_allowed';

/**
 * The token endpoint refused a request made with the credential from an address outside its
 * allowlist. Recorded at most once per credential per minute (per instance), whatever the address.
 */
export type CredentialUseRefused = DomainEvent<
  'CredentialUseRefused',
  { credentialId: string; clientId: string; address: string; reason: UseRefusalReason; refusedAt: string }
>;

/** An app used the credential for the first time (recorded once per app, in the credential's apps stream). */
export type CredentialUsedByNewApp = DomainEvent<'CredentialUsedByNewApp', { credentialId: string; clientId: string; firstUsedAt: string }>;

export type CredentialEvent =
  | CredentialCreated
  | CredentialLabelChanged
  | CredentialExpiryChanged
  | CredentialAllowedAppsSet
  | CredentialAllowedAddressesSet
  | CredentialAppAllowed
  | CredentialAppDisallowed
  | CredentialAppApproved
  | CredentialAppDenied
  | CredentialRevoked
  | CredentialDeleted
  | CredentialUsed
  | CredentialUseRefused
  | CredentialUsedByNewApp
  | CredentialInactivityNoticed
  | CredentialExpiryNoticed
  | CredentialExpired;

export const CREDENTIAL_EVENT_TYPES = [
  'CredentialCreated',
  'CredentialLabelChanged',
  'CredentialExpiryChanged',
  'CredentialAllowedAppsSet',
  'CredentialAllowedAddressesSet',
  'CredentialAppAllowed',
  'CredentialAppDisallowed',
  'CredentialAppApproved',
  'CredentialAppDenied',
  'CredentialRevoked',
  'CredentialDeleted',
  'CredentialUsed',
  'CredentialUseRefused',
  'CredentialUsedByNewApp',
  'CredentialInactivityNoticed',
  'CredentialExpiryNoticed',
  'CredentialExpired',
] as const satisfies readonly CredentialEvent['type'][];

export type CredentialEventType = (typeof CREDENTIAL_EVENT_TYPES)[number];

/** The time an event happened, as the command that produced it said. */
export function occurredAt(event: CredentialEvent): string {
  switch (event.type) {
    case 'CredentialCreated':
      return event.data.createdAt;
    case 'CredentialLabelChanged':
    case 'CredentialExpiryChanged':
    case 'CredentialAllowedAppsSet':
    case 'CredentialAllowedAddressesSet':
    case 'CredentialAppAllowed':
    case 'CredentialAppDisallowed':
      return event.data.changedAt;
    case 'CredentialAppApproved':
      return event.data.approvedAt;
    case 'CredentialAppDenied':
      return event.data.deniedAt;
    case 'CredentialRevoked':
      return event.data.revokedAt;
    case 'CredentialDeleted':
      return event.data.deletedAt;
    case 'CredentialUsed':
      return event.data.lastUsedAt;
    case 'CredentialUseRefused':
      return event.data.refusedAt;
    case 'CredentialUsedByNewApp':
      return event.data.firstUsedAt;
    case 'CredentialInactivityNoticed':
    case 'CredentialExpiryNoticed':
      return event.data.noticedAt;
    case 'CredentialExpired':
      return event.data.expiredAt;
  }
}
