import { Query } from '@nestjs/cqrs';

export const THIRD_PARTY_APPS = ['allowed', 'approval', 'forbidden'] as const;
/** Whether a credential may name apps of other organizations: freely, once an admin approved it, or never. */
export type ThirdPartyApps = (typeof THIRD_PARTY_APPS)[number];

/** Bounds of the policy's day counts (API.md, "Organization policy"). */
export const POLICY_LIMITS = {
  maxCredentialLifetimeDays: { min: 1, max: 3650 },
  inactiveCredentialRevocationDays: { min: 7, max: 3650 },
} as const;

/** The days between the inactivity notice and the earliest revocation it announces. */
export const INACTIVITY_NOTICE_DAYS = 7;

/** What an organization requires of its members' credentials. Every field is always present: a PUT replaces the whole document. */
export type OrganizationPolicy = {
  /** Longest time from a credential's creation to its expiry; null: no limit. */
  maxCredentialLifetimeDays: number | null;
  /** Credentials must have an expiry. */
  requireExpiry: boolean;
  /** Per environment: whether a credential may allow "all apps of the organization". */
  organizationWideCredentials: { production: boolean; sandbox: boolean };
  thirdPartyApps: ThirdPartyApps;
  /** A credential unused for this many days (since its last use, or its creation) is revoked; null: never. */
  inactiveCredentialRevocationDays: number | null;
  /** Members without TOTP get `403 MFA_ENROLMENT_REQUIRED` on everything but their account's security (the membership guard). */
  requireMfa: boolean;
};

/** The policy as `GET /organization/policy` shows it: `revision` counts its changes (0: never changed, the defaults). */
export type OrganizationPolicyView = OrganizationPolicy & { revision: number };

/** The policy of an organization whose administrators never changed it: nothing is required. */
export const DEFAULT_ORGANIZATION_POLICY: OrganizationPolicy = Object.freeze({
  maxCredentialLifetimeDays: null,
  requireExpiry: false,
  organizationWideCredentials: Object.freeze({ production: true, sandbox: true }),
  thirdPartyApps: 'allowed',
  inactiveCredentialRevocationDays: null,
  requireMfa: false,
}) as OrganizationPolicy;

/** The organization's current policy (the defaults when it was never changed). */
export class GetOrganizationPolicyQuery extends Query<OrganizationPolicyView> {
  constructor(readonly organizationId: string) {
    super();
  }
}

/**
 * Published event: recorded in the stream `organizationPolicy-<organizationId>` whenever the policy
 * changes. Other modules read it from the log by this type name (credentials' inactivity schedule,
 * the audit log); its data holds the whole new policy and the one it replaced.
 */
export const ORGANIZATION_POLICY_CHANGED = 'OrganizationPolicyChanged';
export const ORGANIZATION_POLICY_STREAM_PREFIX = 'organizationPolicy-';

export type OrganizationPolicyChangedData = {
  organizationId: string;
  policy: OrganizationPolicy;
  previous: OrganizationPolicy;
  changedAt: string;
};
