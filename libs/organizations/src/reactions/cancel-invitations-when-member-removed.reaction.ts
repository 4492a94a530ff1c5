import { Injectable } from '@nestjs/common';
import { systemContext } from '@latchkey/building-blocks';
import { Reactor, type Recorded } from '@latchkey/event-store';
import { type MemberRemoved, ORGANIZATION_STREAM_PREFIX } from '../domain/organization/organization.events';
import { InviterInvitations } from '../shared/inviter-invitations';
import { removedBy } from '../shared/removed-by';

/**
 * When a member is removed, cancels every pending invitation they issued: a departing admin's
 * tokens bring no one in. `RemoveMemberHandler` waits for the reactions, so this has happened when
 * the removal answers. At least once; cancelling is idempotent.
 */
@Reactor()
@Injectable()
export class CancelInvitationsWhenMemberRemoved implements Reactor<MemberRemoved> {
  readonly name = 'organizations.cancel-invitations-when-member-removed';
  readonly eventTypes = ['MemberRemoved'] as const;

  constructor(private readonly invitations: InviterInvitations) {}

  handles(event: Recorded<MemberRemoved>): boolean {
    return event.streamName.startsWith(ORGANIZATION_STREAM_PREFIX);
  }

  async react(event: Recorded<MemberRemoved>): Promise<void> {
    const context = systemContext(`organizations.MemberRemoved@${event.position}`, removedBy(event));
    await this.invitations.cancelPending(event.data.organizationId, event.data.userId, 'inviter_removed', event.position, context);
  }
}
