import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { isDomainError, systemContext } from '@latchkey/building-blocks';
import { DeactivateUserCommand } from '@latchkey/identity';
import { IntegrationEventBus, Reactor, type Recorded } from '@latchkey/event-store';
import { MEMBER_REMOVED, type MemberRemovedIntegrationEvent } from '../contracts';
import { type MemberRemoved, ORGANIZATION_STREAM_PREFIX } from '../domain/organization/organization.events';

/**
 * When a member is removed: deactivates the user in identity (their sessions end), then publishes
 * the `MEMBER_REMOVED` integration event, at least once and in log order; the subscribers
 * (credentials, token issuance) are idempotent and use `position` to recognise a repeat.
 */
@Reactor()
@Injectable()
export class MemberRemovedReactor implements Reactor<MemberRemoved> {
  readonly name = 'organizations.member-removed';
  readonly eventTypes = ['MemberRemoved'] as const;

  private readonly logger = new Logger('Organizations');

  constructor(
    private readonly commands: CommandBus,
    private readonly bus: IntegrationEventBus,
  ) {}

  handles(event: Recorded<MemberRemoved>): boolean {
    return event.streamName.startsWith(ORGANIZATION_STREAM_PREFIX);
  }

  async react(event: Recorded<MemberRemoved>): Promise<void> {
    const { data } = event;
    const actor = event.metadata.actor;
    const integrationEvent: MemberRemovedIntegrationEvent = {
      type: MEMBER_REMOVED,
      organizationId: data.organizationId,
      userId: data.userId,
      removedBy: actor ? { userId: actor.userId, ...(actor.email ? { email: actor.email } : {}) } : null,
      at: data.removedAt,
      position: event.position,
    };
    await this.deactivate(integrationEvent);
    await this.bus.publish(integrationEvent);
  }

  private async deactivate(event: MemberRemovedIntegrationEvent): Promise<void> {
    const context = systemContext(`${MEMBER_REMOVED}@${event.position}`, event.removedBy);
    try {
      await this.commands.execute(new DeactivateUserCommand(event.userId, 'member_removed', context));
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
