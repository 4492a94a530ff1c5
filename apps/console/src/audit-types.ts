import type { HistoryEntry } from './api';

/** An entry of the organization's audit log: a credential's history entry, with what it is about and from where. */
export interface AuditEntry extends HistoryEntry {
  /** The recorded event's own type (`CredentialRevoked`); `type` is the entry type (`credential.revoked`). */
  eventType: string;
  target: { kind: string; id: string; label: string | null };
  address: string | null;
}

/** Every audit entry type, grouped as the type filter offers them, with the console's words for each. */
export const AUDIT_TYPE_GROUPS: { label: string; types: [type: string, label: string][] }[] = [
  {
    label: 'Members',
    types: [
      ['member.invited', 'Invited'],
      ['member.invitation_cancelled', 'Invitation cancelled'],
      ['member.joined', 'Joined'],
      ['member.service_user_created', 'Service user created'],
      ['member.role_changed', 'Role changed'],
      ['member.permissions_changed', 'Permissions changed'],
      ['member.removed', 'Removed from the organization'],
    ],
  },
  {
    label: 'Apps',
    types: [
      ['app.created', 'App created'],
      ['app.updated', 'App changed'],
      ['app.deleted', 'App deleted'],
      ['app.secret_rotated', 'Client secret rotated'],
    ],
  },
  {
    label: 'Sign-ins',
    types: [
      ['user.login_succeeded', 'Signed in'],
      ['user.login_failed', 'Failed sign-in'],
      ['user.locked_out', 'Locked out'],
      ['user.password_changed', 'Password changed'],
      ['user.password_reset', 'Password reset'],
      ['user.mfa_enabled', 'Two-factor sign-in on'],
      ['user.mfa_disabled', 'Two-factor sign-in off'],
    ],
  },
  {
    label: 'API tokens',
    types: [
      ['api_token.created', 'API token created'],
      ['api_token.used', 'API token used (first use of the day)'],
      ['api_token.revoked', 'API token revoked'],
      ['api_token.refused', 'API token refused'],
    ],
  },
  {
    label: 'Credentials',
    types: [
      ['credential.created', 'Created'],
      ['credential.updated', 'Changed'],
      ['credential.revoked', 'Revoked'],
      ['credential.deleted', 'Deleted'],
      ['credential.used', 'Used by an app'],
      ['credential.used_by_new_app', 'First use by an app'],
      ['credential.refused', 'Refused: address not allowed'],
      ['credential.inactive', 'Inactivity notice'],
      ['credential.expiring', 'Expiry notice'],
      ['credential.expired', 'Expired'],
      ['credential.request.created', 'App approval requested'],
      ['credential.request.approved', 'App approved'],
      ['credential.request.denied', 'App denied'],
    ],
  },
  {
    label: 'Organization',
    types: [['policy.changed', 'Policy changed']],
  },
  {
    label: 'Webhooks',
    types: [
      ['webhook.created', 'Created'],
      ['webhook.updated', 'Changed'],
      ['webhook.deleted', 'Deleted'],
    ],
  },
];

const LABELS = new Map(AUDIT_TYPE_GROUPS.flatMap((group) => group.types));

export const auditTypeLabel = (type: string): string | undefined => LABELS.get(type);

/** What a target is, in the console's words. */
export const TARGET_KINDS: Record<string, string> = {
  member: 'Member',
  user: 'User',
  invitation: 'Invitation',
  app: 'App',
  credential: 'Credential',
  api_token: 'API token',
  organization: 'Organization',
  webhook: 'Webhook endpoint',
};
