import { Query } from '@nestjs/cqrs';
import { type Environment } from '@latchkey/building-blocks';

export const ROLES = ['user', 'developer', 'developer_admin'] as const;
export type Role = (typeof ROLES)[number];

/** Platform permissions (what a user may do through the Platform API) and app scopes: one catalog. */
export const PERMISSIONS = ['ReadAccounts', 'EditAccounts', 'ReadExtensions', 'EditExtensions'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const GRANT_TYPES = ['jwt_bearer', 'refresh_token'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/** `person`: someone who signs in; `service`: a service user (no password, never signs in; its credentials outlive any person's departure). */
export const MEMBER_KINDS = ['person', 'service'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

export interface MembershipView {
  organizationId: string;
  organizationName: string;
  userId: string;
  kind: MemberKind;
  email: string;
  name: string;
  role: Role;
  permissions: Permission[];
  status: 'active' | 'removed';
}

/** The user's membership (at most one organization per user), or null. */
export class GetMembershipQuery extends Query<MembershipView | null> {
  constructor(readonly userId: string) {
    super();
  }
}

export interface AppClientView {
  clientId: string;
  environment: Environment;
  appId: string;
  appName: string;
  organizationId: string;
  organizationName: string;
  grantTypes: GrantType[];
  scopes: Permission[];
}

/** The app directory: a client of any organization by client id, or null ("Add app" lookup, token endpoint). */
export class GetAppClientQuery extends Query<AppClientView | null> {
  constructor(readonly clientId: string) {
    super();
  }
}

/**
 * Checks a client's secret in constant time (with a dummy comparison for unknown clients).
 * Answers the client when the secret matches, else null.
 */
export class VerifyClientSecretQuery extends Query<AppClientView | null> {
  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
  ) {
    super();
  }
}

export type MembershipStatus = MembershipView['status'];

/**
 * Synchronous O(1) reads from memory for the token endpoint's hot path: the answers of
 * `VerifyClientSecretQuery` and `GetAppClientQuery`, the `status` of `GetMembershipQuery`
 * (null when the user belongs to no organization) and whether its `role` gives developer access,
 * without the query bus or SQL. Provided and
 * exported by the organizations module; kept with the read models, which are updated with each
 * event before a write waiting on it answers.
 */
export abstract class OrganizationsLookup {
  /** The client when `clientSecret` is its current secret, else null; constant time in the secret. */
  abstract verifyClientSecret(clientId: string, clientSecret: string): AppClientView | null;
  abstract appClient(clientId: string): AppClientView | null;
  abstract membershipStatus(userId: string): MembershipStatus | null;
  /**
   * True while the user is an active member of this organization with the role `developer` or
   * `developer_admin`; false for the role `user`, a removed member, a member of another
   * organization and an unknown user.
   */
  abstract developerAccess(organizationId: string, userId: string): boolean;
}
