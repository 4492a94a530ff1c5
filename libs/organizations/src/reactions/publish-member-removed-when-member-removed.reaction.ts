import { Injectable } from '@nestjs/common';
import { IntegrationEventBus, Reactor, type Recorded } from '@latchkey/event-store';
import { MEMBER_REMOVED, type MemberRemovedIntegrationEvent } from '../contracts';
import { type MemberRemoved, ORGANIZATION_STREAM_PREFIX } from '../domain/organization/organization.events';
import { removedBy } from '../shared/removed-by';

/**
 * When a member is removed, publishes the `MEMBER_REMOVED` integration event, at least once and in
 * log order; the subscribers (credentials, token issuance) are idempotent and use `position` to
 * recognise a repeat.
 */
@Reactor()
@Injectable()
export class PublishMemberRemovedWhenMemberRemoved implements Reactor<MemberRemoved> {
  readonly name = 'organizations.publish-member-removed-when-member-removed';
  readonly eventTypes = ['MemberRemoved'] as const;

  constructor(private readonly bus: IntegrationEventBus) {}

  handles(event: Recorded<MemberRemoved>): boolean {
    return event.streamName.startsWith(ORGANIZATION_STREAM_PREFIX);
  }

  async react(event: Recorded<MemberRemoved>): Promise<void> {
    const integrationEvent: MemberRemovedIntegrationEvent = {
      type: MEMBER_REMOVED,
      organizationId: event.data.organizationId,
      userId: event.data.userId,
      removedBy: removedBy(event),
      at: event.data.removedAt,
      position: event.position,
    };
    await this.bus.publish(integrationEvent);
  }
}
