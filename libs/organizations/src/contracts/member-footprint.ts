import { Query } from '@nestjs/cqrs';
import type { Environment } from '@latchkey/building-blocks';
import type { GrantType, Permission, Role } from './organizations.queries';

/** An app as its organization's members list it: never a secret, nor a secret's hash. */
export interface AppSummary {
  id: string;
  name: string;
  scopes: Permission[];
  grantTypes: GrantType[];
  environments: Environment[];
  clients: Partial<Record<Environment, { clientId: string }>>;
  createdAt: string;
  /** The creator's user id; null for apps created before creators were recorded. */
  createdBy: string | null;
}

export const INVITATION_STATUSES = ['pending', 'accepted', 'cancelled', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** An invitation as a developer_admin lists it; never its token. */
export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  permissions: Permission[];
  /** null for invitations issued before inviters were recorded. */
  invitedBy: { userId: string; email: string } | null;
  createdAt: string;
  expiresAt: string;
  status: InvitationStatus;
}

/** The apps a member created in their organization, in creation order (what stops being theirs when they leave). */
export class ListAppsCreatedByQuery extends Query<AppSummary[]> {
  constructor(
    readonly organizationId: string,
    readonly userId: string,
  ) {
    super();
  }
}

/** The invitations a member issued that can still be accepted, oldest first (cancelled when they leave). */
export class ListPendingInvitationsIssuedByQuery extends Query<InvitationView[]> {
  constructor(
    readonly organizationId: string,
    readonly userId: string,
  ) {
    super();
  }
}
