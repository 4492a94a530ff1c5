/**
 * The audit log's entry types, grouped by what they are about. An entry's `type` is one of these;
 * the recorded event it comes from keeps its own name (`eventType`), which `?type=` also accepts.
 * A feature that adds entry types adds them to a group here and one rule each in
 * `read-models/audit-log/rules/`.
 */
export const AUDIT_ENTRY_TYPE_GROUPS = {
  member: [
    'member.invited',
    'member.invitation_cancelled',
    'member.joined',
    'member.service_user_created',
    'member.role_changed',
    'member.permissions_changed',
    'member.removed',
  ],
  app: ['app.created', 'app.updated', 'app.deleted', 'app.secret_rotated'],
  user: [
    'user.login_succeeded',
    'user.login_failed',
    'user.locked_out',
    'user.password_changed',
    'user.password_reset',
    'user.mfa_enabled',
    'user.mfa_disabled',
  ],
  api_token: ['api_token.created', 'api_token.used', 'api_token.revoked', 'api_token.refused'],
  credential: [
    'credential.created',
    'credential.updated',
    'credential.revoked',
    'credential.deleted',
    'credential.used',
    'credential.used_by_new_app',
    'credential.refused',
    'credential.inactive',
    'credential.expiring',
    'credential.expired',
  ],
  credential_request: ['credential.request.created', 'credential.request.approved', 'credential.request.denied'],
  policy: ['policy.changed'],
  webhook: ['webhook.created', 'webhook.updated', 'webhook.deleted'],
} as const;

export type AuditEntryType = (typeof AUDIT_ENTRY_TYPE_GROUPS)[keyof typeof AUDIT_ENTRY_TYPE_GROUPS][number];

export const AUDIT_ENTRY_TYPES: readonly AuditEntryType[] = Object.values(AUDIT_ENTRY_TYPE_GROUPS).flat();

/** What an entry is about: `member` and `user` entries name a user id, the others the resource's id. */
export type AuditTargetKind = 'member' | 'invitation' | 'app' | 'user' | 'credential' | 'api_token' | 'organization' | 'webhook';
