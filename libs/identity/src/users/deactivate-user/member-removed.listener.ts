import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IntegrationEventBus, isDomainError } from '@latchkey/event-store';
// Type-only: identity does not load the organizations module at run time (which imports identity).
import type { MemberRemovedIntegrationEvent } from '@latchkey/organizations';
import { DeactivateUserCommand } from '../../contracts';

const MEMBER_REMOVED: MemberRemovedIntegrationEvent['type'] = 'organizations.MemberRemoved';

/** A member removed from their organization is deactivated: their sessions end. */
@Injectable()
export class MemberRemovedListener {
  private readonly logger = new Logger('Identity');

  constructor(private readonly commandBus: CommandBus) {}

  subscribe(bus: IntegrationEventBus): void {
    bus.subscribe<MemberRemovedIntegrationEvent>(MEMBER_REMOVED, (event) => this.handle(event));
  }

  async handle(event: MemberRemovedIntegrationEvent): Promise<void> {
    const context = { actor: event.removedBy, correlationId: `${MEMBER_REMOVED}@${event.position}` };
    try {
      await this.commandBus.execute(new DeactivateUserCommand(event.userId, 'member_removed', context));
    } catch (error) {
      // A failing handler makes the publishing reactor retry for ever; a user identity never had cannot be deactivated.
      if (isDomainError(error) && error.code === 'USER_NOT_FOUND') {
        this.logger.warn(`Member removed at position ${event.position} is not a known user; nothing to deactivate`);
        return;
      }
      throw error;
    }
  }
}
