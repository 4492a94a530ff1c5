import { Injectable } from '@nestjs/common';
import { systemContext } from '@latchkey/building-blocks';
import { Reactor, type Recorded } from '@latchkey/event-store';
import { type MemberUpdated, ORGANIZATION_STREAM_PREFIX } from '../domain/organization/organization.events';
import { InviterInvitations } from '../shared/inviter-invitations';
import { changedBy } from '../shared/removed-by';

/**
 * When a developer_admin's role changes to anything else, cancels every pending invitation they
 * issued. `UpdateMemberHandler` waits for the reactions, so this has happened when the change
 * answers. At least once; cancelling is idempotent. A change recorded before the previous role was
 * kept, to a role other than developer_admin, is treated as a demotion (cancelling changes nothing
 * for someone who issued no invitation).
 */
@Reactor()
@Injectable()
export class CancelInvitationsWhenMemberUpdated implements Reactor<MemberUpdated> {
  readonly name = 'organizations.cancel-invitations-when-member-updated';
  readonly eventTypes = ['MemberUpdated'] as const;

  constructor(private readonly invitations: InviterInvitations) {}

  handles(event: Recorded<MemberUpdated>): boolean {
    const { role, previousRole } = event.data;
    return event.streamName.startsWith(ORGANIZATION_STREAM_PREFIX) && role !== 'developer_admin' && previousRole !== role;
  }

  async react(event: Recorded<MemberUpdated>): Promise<void> {
    const context = systemContext(`organizations.MemberUpdated@${event.position}`, changedBy(event));
    await this.invitations.cancelPending(event.data.organizationId, event.data.userId, 'inviter_demoted', event.position, context);
  }
}
