import { DomainError } from '@latchkey/building-blocks';
import type { MembershipView } from '../contracts';
import type { MemberListReadModel } from '../read-models/members/member-list.read-model';

/**
 * The active member of the caller's organization whose account an admin acts on (a password
 * reset, clearing two-factor sign-in), or `404 MEMBER_NOT_FOUND` — also for another organization's
 * user, who must not be told apart from no user. A service user has no password or second factor:
 * the same 404.
 */
export function accountTarget(members: MemberListReadModel, organizationId: string, userId: string): MembershipView {
  const target = members.memberOf(organizationId, userId);
  if (!target || target.status !== 'active' || target.kind === 'service')
    throw new DomainError('not-found', 'MEMBER_NOT_FOUND', 'No active member with this user id in your organization');
  return target;
}
