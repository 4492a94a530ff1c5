import type { Environment } from '@latchkey/building-blocks';
import type { OrganizationPolicy } from '@latchkey/organizations';
import type { AllowedAppsPolicy } from './credential.events';

/** The rules of the organization's policy that a credential's own fields must keep (inactivity is the scheduler's). */
export type CredentialPolicy = Pick<
  OrganizationPolicy,
  'maxCredentialLifetimeDays' | 'requireExpiry' | 'organizationWideCredentials' | 'thirdPartyApps'
>;

/** The policy that requires nothing: what an organization has until its administrators change it. */
export const NO_CREDENTIAL_POLICY: CredentialPolicy = Object.freeze({
  maxCredentialLifetimeDays: null,
  requireExpiry: false,
  organizationWideCredentials: Object.freeze({ production: true, sandbox: true }),
  thirdPartyApps: 'allowed',
}) as CredentialPolicy;

export type PolicyRule = 'requireExpiry' | 'maxCredentialLifetimeDays' | 'organizationWideCredentials' | 'thirdPartyApps';

/** One broken rule: which one, the request field that breaks it, and what to do. */
export interface PolicyViolation {
  rule: PolicyRule;
  field: string;
  message: string;
}

/** An app a credential names, with the organization that owns it (from the app directory). */
export interface PolicyClient {
  clientId: string;
  organizationId: string;
}

const DAY_MS = 86_400_000;

/** The expiry rules: an expiry at all, and no more than the longest lifetime after creation. */
export function expiryViolations(policy: CredentialPolicy, createdAt: string, expiresAt: string | null, field = 'expiresAt'): PolicyViolation[] {
  const found: PolicyViolation[] = [];
  if (policy.requireExpiry && expiresAt === null) {
    found.push({ rule: 'requireExpiry', field, message: 'The organization’s policy requires credentials to expire: give an expiresAt' });
  }
  const days = policy.maxCredentialLifetimeDays;
  if (days !== null && (expiresAt === null || Date.parse(expiresAt) - Date.parse(createdAt) > days * DAY_MS)) {
    const latest = new Date(Date.parse(createdAt) + days * DAY_MS).toISOString();
    found.push({
      rule: 'maxCredentialLifetimeDays',
      field,
      message: `The organization’s policy allows credentials to live at most ${days} days: expiresAt must be no later than ${latest}`,
    });
  }
  return found;
}

/**
 * The allowed-apps rules: "all apps of the organization" only where the environment permits it,
 * and apps of other organizations never when third-party apps are `forbidden`. Under `approval`
 * they are no violation: each one added waits for an administrator's decision on its request
 * (`appsNeedingApproval`).
 */
export function appViolations(
  policy: CredentialPolicy,
  environment: Environment,
  apps: { policy: AllowedAppsPolicy; clientIds: readonly string[] },
  organizationId: string,
  clients: readonly PolicyClient[],
  field = 'allowedApps',
): PolicyViolation[] {
  const found: PolicyViolation[] = [];
  if (apps.policy === 'organization' && !policy.organizationWideCredentials[environment]) {
    found.push({
      rule: 'organizationWideCredentials',
      field,
      message: `The organization’s policy does not allow ${environment} credentials for all of its apps: name specific apps`,
    });
  }
  if (policy.thirdPartyApps === 'forbidden') {
    for (const clientId of foreignApps(apps.clientIds, organizationId, clients)) {
      found.push({
        rule: 'thirdPartyApps',
        field,
        message: `The organization’s policy forbids apps of other organizations: "${clientId}" is not one of your organization’s apps`,
      });
    }
  }
  return found;
}

/** The client ids that belong to an app of another organization than `organizationId`. */
const foreignApps = (clientIds: readonly string[], organizationId: string, clients: readonly PolicyClient[]): string[] =>
  clientIds.filter((id) => clients.some((c) => c.clientId === id && c.organizationId !== organizationId));

/** Of the client ids being added to a credential, those that need an administrator's approval: apps of other organizations under `approval`. */
export function appsNeedingApproval(
  policy: CredentialPolicy,
  added: readonly string[],
  organizationId: string,
  clients: readonly PolicyClient[],
): string[] {
  return policy.thirdPartyApps === 'approval' ? foreignApps(added, organizationId, clients) : [];
}
