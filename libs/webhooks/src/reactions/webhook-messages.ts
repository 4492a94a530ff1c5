import type { EventData, RecordedEvent } from '@latchkey/event-store';
import type { WebhookEventType } from '../contracts';
import type { Subject } from '../read-models/webhooks/webhook-endpoints.read-model';
import type { SubjectKind } from '../read-models/webhooks/webhook-subjects';

/** A message to the endpoints of one organization: the body is `{type, timestamp, data}`. */
export interface WebhookMessage {
  type: WebhookEventType;
  organizationId: string;
  timestamp: string;
  data: Record<string, unknown>;
}

export type SubjectLookup = (kind: SubjectKind, id: string) => Subject | null;

/** The recorded event types that become messages, each with the stream category it is trusted in. */
export const MESSAGE_SOURCES: Readonly<Record<string, string>> = {
  CredentialCreated: 'credential',
  CredentialLabelChanged: 'credential',
  CredentialExpiryChanged: 'credential',
  CredentialAllowedAppsSet: 'credential',
  CredentialAllowedAddressesSet: 'credential',
  CredentialAppAllowed: 'credential',
  CredentialAppDisallowed: 'credential',
  CredentialAppApproved: 'credential',
  CredentialAppDenied: 'credential',
  CredentialRevoked: 'credential',
  CredentialDeleted: 'credential',
  CredentialInactivityNoticed: 'credential',
  CredentialExpiryNoticed: 'credential',
  CredentialExpired: 'credential',
  CredentialRequestCreated: 'credentialRequest',
  CredentialRequestApproved: 'credentialRequest',
  CredentialRequestDenied: 'credentialRequest',
  // First uses by an app are recorded in a stream of their own, once per app.
  CredentialUsedByNewApp: 'credentialApps',
  MemberJoined: 'organization',
  MemberUpdated: 'organization',
  MemberRemoved: 'organization',
  AppClientSecretRotated: 'app',
  ApiTokenCreated: 'apiToken',
  ApiTokenRevoked: 'apiToken',
};

/** The reason a credential revoked on a leak report carries. */
export const LEAKED_REASON = 'leaked';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The messages a recorded event becomes, or none. Fields are copied one by one (never a whole
 * event), so that a secret added to an event later never reaches a receiver.
 */
export function webhookMessages(event: RecordedEvent<string, EventData>, subjects: SubjectLookup): WebhookMessage[] {
  const category = MESSAGE_SOURCES[event.type];
  if (!category || !event.streamName.startsWith(`${category}-`)) return [];
  const d = event.data;
  const actor = event.metadata.actor ? { userId: event.metadata.actor.userId, email: event.metadata.actor.email ?? null } : null;
  const at = (field: string) => str(d[field]) || event.createdAt;

  if (category === 'credential' || category === 'credentialApps') {
    const credentialId = str(d.credentialId);
    const subject = subjects('credential', credentialId);
    if (!subject) return [];
    const about = { credentialId, label: subject.label, ...subject.details, actor };
    const message = (type: WebhookEventType, timestamp: string, fields: Record<string, unknown> = {}): WebhookMessage => ({
      type,
      organizationId: subject.organizationId,
      timestamp,
      data: { ...about, ...fields },
    });
    switch (event.type) {
      case 'CredentialCreated':
        return [
          message('credential.created', at('createdAt'), { expiresAt: d.expiresAt ?? null, allowedApps: { type: d.policy, clientIds: d.clientIds } }),
        ];
      case 'CredentialLabelChanged':
        return [message('credential.updated', at('changedAt'), { changes: { label: d.label, previousLabel: d.previousLabel } })];
      case 'CredentialExpiryChanged':
        return [
          message('credential.updated', at('changedAt'), {
            changes: { expiresAt: d.expiresAt ?? null, previousExpiresAt: d.previousExpiresAt ?? null },
          }),
        ];
      case 'CredentialAllowedAppsSet':
        return [message('credential.updated', at('changedAt'), { changes: { allowedApps: { type: d.policy, clientIds: d.clientIds } } })];
      case 'CredentialAllowedAddressesSet':
        return [
          message('credential.updated', at('changedAt'), {
            changes: { allowedAddresses: d.allowedAddresses, previousAllowedAddresses: d.previousAllowedAddresses ?? null },
          }),
        ];
      case 'CredentialUsedByNewApp':
        return [message('credential.used_by_new_app', at('firstUsedAt'), { clientId: d.clientId, firstUsedAt: at('firstUsedAt') })];
      case 'CredentialAppAllowed':
        return [message('credential.updated', at('changedAt'), { changes: { appAllowed: d.clientId } })];
      case 'CredentialAppDisallowed':
        return [message('credential.updated', at('changedAt'), { changes: { appDisallowed: d.clientId } })];
      case 'CredentialAppApproved':
        return [message('credential.updated', at('approvedAt'), { changes: { appApproved: d.clientId } })];
      case 'CredentialAppDenied':
        return [message('credential.updated', at('deniedAt'), { changes: { appDenied: d.clientId } })];
      case 'CredentialRevoked': {
        const revoked = message('credential.revoked', at('revokedAt'), { reason: d.reason ?? null });
        if (d.reason !== LEAKED_REASON) return [revoked];
        const address = typeof event.metadata.address === 'string' ? event.metadata.address : null;
        return [revoked, message('credential.leak_reported', at('revokedAt'), { reason: LEAKED_REASON, reporterAddress: address })];
      }
      case 'CredentialDeleted':
        return [message('credential.deleted', at('deletedAt'))];
      case 'CredentialInactivityNoticed':
        return [message('credential.inactive', at('noticedAt'), { inactiveSince: d.inactiveSince ?? null, revokeAt: d.revokeAt ?? null })];
      case 'CredentialExpiryNoticed':
        return [message('credential.expiring', at('noticedAt'), { expiresAt: d.expiresAt ?? null, daysBefore: d.daysBefore ?? null })];
      case 'CredentialExpired':
        return [message('credential.expired', at('expiredAt'), { expiresAt: d.expiredAt ?? null })];
    }
    return [];
  }

  if (category === 'credentialRequest') {
    const credentialId = str(d.credentialId);
    const subject = subjects('credential', credentialId);
    if (!subject) return [];
    const person = (value: unknown) => {
      const p = (value ?? {}) as Record<string, unknown>;
      return { userId: str(p.userId), email: str(p.email) };
    };
    const about = { requestId: str(d.requestId), credentialId, label: subject.label, clientId: str(d.clientId), actor };
    const message = (type: WebhookEventType, timestamp: string, fields: Record<string, unknown>): WebhookMessage => ({
      type,
      organizationId: subject.organizationId,
      timestamp,
      data: { ...about, ...fields },
    });
    switch (event.type) {
      case 'CredentialRequestCreated':
        return [
          message('credential.request.created', at('createdAt'), {
            requester: person(d.requester),
            appName: str(d.appName),
            organizationName: str(d.appOrganizationName),
            justification: str(d.justification),
          }),
        ];
      case 'CredentialRequestApproved':
        return [
          message('credential.request.approved', at('decidedAt'), {
            decidedBy: person(d.decidedBy),
            note: typeof d.note === 'string' ? d.note : null,
            automatic: d.automatic === true,
          }),
        ];
      case 'CredentialRequestDenied':
        return [message('credential.request.denied', at('decidedAt'), { decidedBy: person(d.decidedBy), note: str(d.note) })];
    }
    return [];
  }

  if (category === 'organization') {
    const organizationId = str(d.organizationId);
    if (!organizationId) return [];
    const message = (type: WebhookEventType, timestamp: string, data: Record<string, unknown>): WebhookMessage => ({
      type,
      organizationId,
      timestamp,
      data: { ...data, actor },
    });
    switch (event.type) {
      case 'MemberJoined':
        return [message('member.joined', at('joinedAt'), { userId: d.userId, email: d.email, name: d.name, role: d.role })];
      case 'MemberUpdated':
        // A change of permissions alone is no role change.
        if (d.previousRole === d.role) return [];
        return [message('member.role_changed', at('updatedAt'), { userId: d.userId, role: d.role, previousRole: d.previousRole ?? null })];
      case 'MemberRemoved':
        return [message('member.removed', at('removedAt'), { userId: d.userId })];
    }
    return [];
  }

  if (category === 'apiToken') {
    const tokenId = str(d.tokenId);
    const token = subjects('apiToken', tokenId);
    // The token's own created event carries its organization; its revocation is found by the subject recorded then.
    const organizationId = event.type === 'ApiTokenCreated' ? str(d.organizationId) : token?.organizationId;
    if (!organizationId) return [];
    const about = { tokenId, name: event.type === 'ApiTokenCreated' ? d.name : (token?.label ?? null), ownerId: d.ownerId, actor };
    return event.type === 'ApiTokenCreated'
      ? [{ type: 'api_token.created', organizationId, timestamp: at('createdAt'), data: { ...about, scopes: d.scopes, expiresAt: d.expiresAt } }]
      : [{ type: 'api_token.revoked', organizationId, timestamp: at('revokedAt'), data: about }];
  }

  const appId = str(d.appId);
  const app = subjects('app', appId);
  if (!app) return [];
  return [
    {
      type: 'app.secret_rotated',
      organizationId: app.organizationId,
      timestamp: at('rotatedAt'),
      data: { appId, appName: app.label, environment: d.environment, clientId: d.clientId, actor },
    },
  ];
}
