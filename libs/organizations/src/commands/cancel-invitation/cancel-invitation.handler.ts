import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { invitationNotFound } from '../../domain/invitation/invitation.decide';
import { invitationDecider } from '../../domain/invitation/invitation.decider';
import { invitationStream } from '../../domain/invitation/invitation.events';
import { isUuid } from '../../shared/app-credentials';
import { CancelInvitationCommand } from './cancel-invitation.command';

/**
 * Cancels an invitation: from the moment this answers, its token is answered 404 at acceptance and
 * the list shows it `cancelled`. Cancelling a cancelled invitation changes nothing; an accepted one
 * is a conflict (remove the member instead).
 */
@CommandHandler(CancelInvitationCommand)
export class CancelInvitationHandler implements ICommandHandler<CancelInvitationCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
  ) {}

  async execute(command: CancelInvitationCommand): Promise<void> {
    if (!isUuid(command.invitationId)) throw invitationNotFound();
    await this.executor.execute(
      invitationDecider,
      invitationStream(command.invitationId.toLowerCase()),
      { type: 'CancelInvitation', organizationId: command.organizationId, reason: 'cancelled_by_admin', at: this.clock.now().toISOString() },
      { metadata: eventMetadata(command.context) },
    );
  }
}
