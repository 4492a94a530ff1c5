import type { HistoryEntry } from './api';
import { ENVIRONMENT_LABELS, formatDateTime, humanizeEventType, summarizeData } from './format';

/** What happened, in the console's words; the subject (the credential) is the row's or the page's. */
export const EVENT_TYPE_LABELS: Record<string, string> = {
  CredentialCreated: 'Created',
  CredentialLabelChanged: 'Label changed',
  CredentialExpiryChanged: 'Expiration date changed',
  CredentialAllowedAppsSet: 'Permitted apps changed',
  CredentialAppAllowed: 'App added',
  CredentialAppDisallowed: 'App removed',
  CredentialAppApproved: 'App approved',
  CredentialAppDenied: 'App denied',
  CredentialAllowedAddressesSet: 'Allowed addresses changed',
  CredentialUsed: 'Used by an app',
  CredentialUsedByNewApp: 'First use by an app',
  CredentialUseRefused: 'Refused: address not allowed',
  CredentialRevoked: 'Revoked',
  CredentialDeleted: 'Deleted',
  CredentialInactivityNoticed: 'Inactivity notice',
  CredentialExpiryNoticed: 'Expiry notice',
  CredentialExpired: 'Expired',
};

export const eventLabel = (type: string): string => EVENT_TYPE_LABELS[type] ?? humanizeEventType(type);

/** Who did it: a person, or for uses (which no person does) the app. */
export function actorLabel(entry: HistoryEntry): string {
  if (entry.actor?.email) return entry.actor.email;
  if (entry.actor?.userId) return entry.actor.userId;
  if (entry.type === 'CredentialUsed' || entry.type === 'CredentialUsedByNewApp' || entry.type === 'CredentialUseRefused')
    return entry.app?.name ? `${entry.app.name} (app)` : entry.app ? `App ${entry.app.clientId}` : 'An app';
  return 'Latchkey';
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const expiry = (value: unknown): string => (typeof value === 'string' ? formatDateTime(value) : 'Never');
const clientIds = (value: unknown): string => (Array.isArray(value) && value.length > 0 ? value.join(', ') : 'none');
const ranges = (value: unknown): string => (Array.isArray(value) && value.length > 0 ? value.join(', ') : 'any address');
const permitted = (policy: unknown, ids: unknown): string =>
  `Permitted apps: ${policy === 'organization' ? 'every app of the organization' : `client IDs ${clientIds(ids)}`}`;

/** The details of an event worth reading (event data never holds a secret). */
export function describeEvent(entry: HistoryEntry): string {
  const data = entry.data ?? {};
  switch (entry.type) {
    case 'CredentialCreated': {
      const environment = ENVIRONMENT_LABELS[data.environment as keyof typeof ENVIRONMENT_LABELS] ?? text(data.environment);
      return [
        `Label “${text(data.label)}”`,
        environment,
        permitted(data.policy, data.clientIds),
        data.expiresAt ? `Expires ${expiry(data.expiresAt)}` : 'Never expires',
        data.ownerEmail ? `Owner ${text(data.ownerEmail)}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
    }
    case 'CredentialLabelChanged':
      return `“${text(data.previousLabel)}” → “${text(data.label)}”`;
    case 'CredentialExpiryChanged':
      return `${expiry(data.previousExpiresAt)} → ${expiry(data.expiresAt)}`;
    case 'CredentialAllowedAppsSet':
      return permitted(data.policy, data.clientIds);
    case 'CredentialAppAllowed':
      return `Client ID ${text(data.clientId)}${data.pending ? ' · waiting for an admin’s approval' : ''}`;
    case 'CredentialAppDisallowed':
    case 'CredentialAppApproved':
    case 'CredentialAppDenied':
      return `Client ID ${text(data.clientId)}`;
    case 'CredentialAllowedAddressesSet':
      return `${ranges(data.previousAllowedAddresses)} → ${ranges(data.allowedAddresses)}`;
    case 'CredentialUsed': {
      const count = typeof data.count === 'number' ? data.count : 1;
      const from = data.address ? ` · last from ${text(data.address)}` : '';
      return `${count} token ${count === 1 ? 'request' : 'requests'} by client ID ${text(data.clientId)}${from}`;
    }
    case 'CredentialUsedByNewApp':
      return `Client ID ${text(data.clientId)}`;
    case 'CredentialUseRefused':
      return `Client ID ${text(data.clientId)} from ${text(data.address)} (at most one refusal is recorded a minute)`;
    case 'CredentialRevoked':
      return data.reason ? `Reason: ${text(data.reason)}` : 'No reason given';
    case 'CredentialDeleted':
      return '';
    case 'CredentialInactivityNoticed':
      return `Unused since ${expiry(data.inactiveSince)}; revoked ${expiry(data.revokeAt)} unless used`;
    case 'CredentialExpiryNoticed':
      return `Expires ${expiry(data.expiresAt)} (${data.daysBefore === 1 ? '1 day' : `${typeof data.daysBefore === 'number' ? data.daysBefore : 7} days`} notice)`;
    case 'CredentialExpired':
      return `Expired ${expiry(data.expiredAt)}`;
    default:
      return summarizeData(data);
  }
}
