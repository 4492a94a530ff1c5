import { DomainError } from '@latchkey/building-blocks';
import type { MembershipView } from '../contracts';
import type { MemberListReadModel } from '../read-models/members/member-list.read-model';

/** An active member of the organization, or `404 MEMBER_NOT_FOUND` (also for another organization's user). */
export function activeMember(members: MemberListReadModel, organizationId: string, userId: string): MembershipView {
  const member = members.memberOf(organizationId, userId);
  if (!member || member.status !== 'active') throw new DomainError('not-found', 'MEMBER_NOT_FOUND', 'No such member of your organization');
  return member;
}
