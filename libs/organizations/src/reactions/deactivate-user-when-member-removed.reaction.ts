import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { isDomainError, systemContext } from '@latchkey/building-blocks';
import { Reactor, type Recorded } from '@latchkey/event-store';
import { DeactivateUserCommand } from '@latchkey/identity';
import { MEMBER_REMOVED } from '../contracts';
import { type MemberRemoved, ORGANIZATION_STREAM_PREFIX } from '../domain/organization/organization.events';
import { removedBy } from '../shared/removed-by';

/**
 * When a member is removed, deactivates the user in identity (their sessions end), as the admin
 * who removed them. `RemoveMemberHandler` waits for the reactions, so this has happened when the
 * removal answers.
 */
@Reactor()
@Injectable()
export class DeactivateUserWhenMemberRemoved implements Reactor<MemberRemoved> {
  readonly name = 'organizations.deactivate-user-when-member-removed';
  readonly eventTypes = ['MemberRemoved'] as const;

  private readonly logger = new Logger('Organizations');

  constructor(private readonly commands: CommandBus) {}

  handles(event: Recorded<MemberRemoved>): boolean {
    return event.streamName.startsWith(ORGANIZATION_STREAM_PREFIX);
  }

  async react(event: Recorded<MemberRemoved>): Promise<void> {
    const context = systemContext(`${MEMBER_REMOVED}@${event.position}`, removedBy(event));
    try {
      await this.commands.execute(new DeactivateUserCommand(event.data.userId, 'member_removed', context));
    } catch (error) {
      // A failing reaction is retried for ever; a user identity never had cannot be deactivated.
      if (isDomainError(error) && error.code === 'USER_NOT_FOUND') {
        this.logger.warn(`Member removed at position ${event.position} is not a known user; nothing to deactivate`);
        return;
      }
      throw error;
    }
  }
}
