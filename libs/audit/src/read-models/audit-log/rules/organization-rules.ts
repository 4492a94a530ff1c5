import { rule } from './audit-rule';

type Role = string;

/** Invitations, members and apps (the organizations module's events). */
export const organizationRules = {
  InvitationCreated: rule<{
    invitationId: string;
    organizationId: string;
    email: string;
    role: Role;
    permissions: string[];
    createdAt: string;
    expiresAt: string;
  }>({
    category: 'invitation',
    type: 'member.invited',
    subject: (d) => ({ kind: 'invitation', id: d.invitationId }),
    remember: (d) => ({ organizationId: d.organizationId, label: d.email }),
    at: (d) => d.createdAt,
    data: (d) => ({ invitationId: d.invitationId, email: d.email, role: d.role, permissions: d.permissions, expiresAt: d.expiresAt }),
  }),
  InvitationCancelled: rule<{ invitationId: string; reason: string; cancelledAt: string }>({
    category: 'invitation',
    type: 'member.invitation_cancelled',
    subject: (d) => ({ kind: 'invitation', id: d.invitationId }),
    at: (d) => d.cancelledAt,
    data: (d) => ({ invitationId: d.invitationId, reason: d.reason }),
  }),
  MemberJoined: rule<{
    organizationId: string;
    userId: string;
    email: string;
    name: string;
    role: Role;
    permissions: string[];
    invitationId: string | null;
    joinedAt: string;
    kind?: 'service';
    addedBy?: string;
  }>({
    category: 'organization',
    // A service user does not join: a developer_admin creates it (the entry's actor).
    type: (d) => (d.kind === 'service' ? 'member.service_user_created' : 'member.joined'),
    subject: (d) => ({ kind: 'user', id: d.userId }),
    targetKind: 'member',
    // A service user's address is internal: its name says which one it is.
    remember: (d) => ({ organizationId: d.organizationId, label: d.kind === 'service' ? d.name : d.email }),
    at: (d) => d.joinedAt,
    data: (d) => ({
      userId: d.userId,
      email: d.email,
      name: d.name,
      role: d.role,
      permissions: d.permissions,
      invitationId: d.invitationId,
      kind: d.kind ?? 'person',
    }),
  }),
  MemberUpdated: rule<{ organizationId: string; userId: string; role: Role; permissions: string[]; previousRole?: Role; updatedAt: string }>({
    category: 'organization',
    // A change of permissions alone is no role change.
    type: (d) => (d.previousRole === d.role ? 'member.permissions_changed' : 'member.role_changed'),
    subject: (d) => ({ kind: 'user', id: d.userId }),
    targetKind: 'member',
    at: (d) => d.updatedAt,
    data: (d) => ({ userId: d.userId, role: d.role, previousRole: d.previousRole ?? null, permissions: d.permissions }),
  }),
  MemberRemoved: rule<{ organizationId: string; userId: string; removedAt: string }>({
    category: 'organization',
    type: 'member.removed',
    subject: (d) => ({ kind: 'user', id: d.userId }),
    targetKind: 'member',
    at: (d) => d.removedAt,
    data: (d) => ({ userId: d.userId }),
  }),
  AppCreated: rule<{
    appId: string;
    organizationId: string;
    name: string;
    scopes: string[];
    grantTypes: string[];
    environments: string[];
    createdAt: string;
  }>({
    category: 'app',
    type: 'app.created',
    subject: (d) => ({ kind: 'app', id: d.appId }),
    remember: (d) => ({ organizationId: d.organizationId, label: d.name }),
    at: (d) => d.createdAt,
    data: (d) => ({ appId: d.appId, name: d.name, scopes: d.scopes, grantTypes: d.grantTypes, environments: d.environments }),
  }),
  AppUpdated: rule<{ appId: string; name: string; scopes: string[]; grantTypes: string[]; updatedAt: string }>({
    category: 'app',
    type: 'app.updated',
    subject: (d) => ({ kind: 'app', id: d.appId }),
    remember: (d) => ({ label: d.name }),
    at: (d) => d.updatedAt,
    data: (d) => ({ appId: d.appId, name: d.name, scopes: d.scopes, grantTypes: d.grantTypes }),
  }),
  AppDeleted: rule<{ appId: string; deletedAt: string }>({
    category: 'app',
    type: 'app.deleted',
    subject: (d) => ({ kind: 'app', id: d.appId }),
    at: (d) => d.deletedAt,
    data: (d) => ({ appId: d.appId }),
  }),
  AppClientSecretRotated: rule<{ appId: string; environment: string; clientId: string; rotatedAt: string }>({
    category: 'app',
    type: 'app.secret_rotated',
    subject: (d) => ({ kind: 'app', id: d.appId }),
    at: (d) => d.rotatedAt,
    data: (d) => ({ appId: d.appId, environment: d.environment, clientId: d.clientId }),
  }),
};
