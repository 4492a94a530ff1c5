import { Injectable } from '@nestjs/common';
import { DomainError } from '@latchkey/building-blocks';
import type { MembershipView } from '@latchkey/organizations';
import type { CredentialRow } from '../read-models/credential-list/credential-list.projection';
import { CredentialListReadModel } from '../read-models/credential-list/credential-list.read-model';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const credentialNotFound = () => new DomainError('not-found', 'CREDENTIAL_NOT_FOUND', 'No such credential');

export const developerAccessRequired = () =>
  new DomainError(
    'forbidden',
    'DEVELOPER_ACCESS_REQUIRED',
    'Creating or changing a credential needs developer access; you may still revoke or delete your credentials',
  );

/** Developers and developer admins may create and change credentials; a member with the role `user` may only revoke or delete theirs. */
export function hasDeveloperAccess(caller: Pick<MembershipView, 'role' | 'status'>): boolean {
  return caller.status === 'active' && caller.role !== 'user';
}

/**
 * Who may manage a credential: its owner, and the developer admins of the owner's organization.
 * Everyone else — other developers of the organization, admins of other organizations — gets the
 * same 404 as for a credential that does not exist, so ids reveal nothing.
 */
export function mayManage(
  caller: Pick<MembershipView, 'userId' | 'organizationId' | 'role' | 'status'>,
  credential: Pick<CredentialRow, 'owner_id' | 'organization_id'>,
): boolean {
  if (caller.status !== 'active') return false;
  if (caller.userId === credential.owner_id) return true;
  return caller.role === 'developer_admin' && caller.organizationId === credential.organization_id;
}

@Injectable()
export class CredentialAccess {
  constructor(private readonly credentials: CredentialListReadModel) {}

  /**
   * The credential the caller may manage, or `404 CREDENTIAL_NOT_FOUND`. Deleted credentials are
   * found only with `includeDeleted` (their history stays reachable).
   */
  manageable(credentialId: string, caller: MembershipView, { includeDeleted = false }: { includeDeleted?: boolean } = {}): CredentialRow {
    const row = UUID.test(credentialId) ? this.credentials.byId(credentialId.toLowerCase()) : null;
    if (!row || (row.status === 'deleted' && !includeDeleted) || !mayManage(caller, row)) throw credentialNotFound();
    return row;
  }

  /**
   * The credential the caller may change (label, expiry, allowed apps): one they may manage
   * (`404` first, as `manageable`), and only with developer access, else
   * `403 DEVELOPER_ACCESS_REQUIRED`. An owner changed to `user` keeps revoking and deleting.
   */
  changeable(credentialId: string, caller: MembershipView): CredentialRow {
    const row = this.manageable(credentialId, caller);
    if (!hasDeveloperAccess(caller)) throw developerAccessRequired();
    return row;
  }
}
