import { Injectable } from '@nestjs/common';
import { IntegrationEventBus, type Reactor, type RecordedEvent } from '@latchkey/event-store';
import { MEMBER_REMOVED, type MemberRemovedIntegrationEvent } from '../contracts';
import { type MemberRemoved, ORGANIZATION_STREAM_PREFIX } from '../organizations/organization.events';

/**
 * Turns the organization's own `MemberRemoved` events into the `MEMBER_REMOVED` integration event,
 * at least once and in log order; the subscribers (identity, credentials, token issuance) are
 * idempotent and use `position` to recognise a repeat.
 */
@Injectable()
export class MemberRemovedReactor implements Reactor {
  readonly name = 'organizations.member-removed';

  constructor(private readonly bus: IntegrationEventBus) {}

  handles(event: RecordedEvent): boolean {
    return event.type === 'MemberRemoved' && event.streamName.startsWith(ORGANIZATION_STREAM_PREFIX);
  }

  async react(event: RecordedEvent): Promise<void> {
    const { data } = event as unknown as MemberRemoved & RecordedEvent;
    const actor = event.metadata.actor;
    const integrationEvent: MemberRemovedIntegrationEvent = {
      type: MEMBER_REMOVED,
      organizationId: data.organizationId,
      userId: data.userId,
      removedBy: actor ? { userId: actor.userId, ...(actor.email ? { email: actor.email } : {}) } : null,
      at: data.removedAt,
      position: event.position,
    };
    await this.bus.publish(integrationEvent);
  }
}
