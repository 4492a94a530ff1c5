import type { EventData } from '@latchkey/event-store';
import type { AuditEntryType } from '../../../contracts';
import { type AuditRule, rule } from './audit-rule';

/**
 * Credentials (the credentials module's events). Their data is kept whole, as the credential's
 * history shows it: credential events hold ids, labels, policies and times, never the JWT.
 */
function credentialRule(
  category: 'credential' | 'credentialUsage' | 'credentialApps',
  type: AuditEntryType,
  at: string,
  remember?: AuditRule<EventData>['remember'],
): AuditRule<EventData> {
  return rule<EventData & { credentialId: string }>({
    category,
    type,
    subject: (d) => ({ kind: 'credential', id: d.credentialId }),
    remember,
    at: (d) => d[at] as string,
    data: (d) => d,
  });
}

export const credentialRules = {
  CredentialCreated: credentialRule('credential', 'credential.created', 'createdAt', (d) => ({
    organizationId: d.organizationId as string,
    label: d.label as string,
  })),
  CredentialLabelChanged: credentialRule('credential', 'credential.updated', 'changedAt', (d) => ({ label: d.label as string })),
  CredentialExpiryChanged: credentialRule('credential', 'credential.updated', 'changedAt'),
  CredentialAllowedAppsSet: credentialRule('credential', 'credential.updated', 'changedAt'),
  CredentialAllowedAddressesSet: credentialRule('credential', 'credential.updated', 'changedAt'),
  CredentialAppAllowed: credentialRule('credential', 'credential.updated', 'changedAt'),
  CredentialAppDisallowed: credentialRule('credential', 'credential.updated', 'changedAt'),
  CredentialAppApproved: credentialRule('credential', 'credential.updated', 'approvedAt'),
  CredentialAppDenied: credentialRule('credential', 'credential.updated', 'deniedAt'),
  CredentialRevoked: credentialRule('credential', 'credential.revoked', 'revokedAt'),
  CredentialDeleted: credentialRule('credential', 'credential.deleted', 'deletedAt'),
  CredentialUsed: credentialRule('credentialUsage', 'credential.used', 'lastUsedAt'),
  CredentialUsedByNewApp: credentialRule('credentialApps', 'credential.used_by_new_app', 'firstUsedAt'),
  // A request refused by the credential's address allowlist (at most one a minute per credential).
  CredentialUseRefused: credentialRule('credentialUsage', 'credential.refused', 'refusedAt'),
  CredentialInactivityNoticed: credentialRule('credential', 'credential.inactive', 'noticedAt'),
  CredentialExpiryNoticed: credentialRule('credential', 'credential.expiring', 'noticedAt'),
  CredentialExpired: credentialRule('credential', 'credential.expired', 'expiredAt'),
};
