import { Injectable } from '@nestjs/common';
import { Clock, type RequestContext } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata, ProjectionRunner } from '@latchkey/event-store';
import { invitationDecider } from '../domain/invitation/invitation.decider';
import { type CancellationReason, invitationStream } from '../domain/invitation/invitation.events';
import { InvitationListReadModel } from '../read-models/invitation-list/invitation-list.read-model';

/** The invitations an inviter issued, for the reactions that cancel them when the inviter loses their role. */
@Injectable()
export class InviterInvitations {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly invitations: InvitationListReadModel,
    private readonly projections: ProjectionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * Cancels every pending invitation `userId` issued in the organization, as of the event at
   * `position`: the list is read once the read models include everything recorded up to it, so no
   * invitation issued before the change is missed. Idempotent: a cancelled or accepted invitation
   * is left as it is. (One issued concurrently with the change and recorded after it is refused at
   * acceptance, which checks the inviter again.)
   */
  async cancelPending(organizationId: string, userId: string, reason: CancellationReason, position: number, context: RequestContext): Promise<void> {
    await this.projections.waitFor(position);
    for (const invitationId of this.invitations.pendingIssuedBy(organizationId, userId)) {
      await this.executor.execute(
        invitationDecider,
        invitationStream(invitationId),
        { type: 'CancelInvitation', organizationId, reason, at: this.clock.now().toISOString() },
        { metadata: eventMetadata(context) },
      );
    }
  }
}
