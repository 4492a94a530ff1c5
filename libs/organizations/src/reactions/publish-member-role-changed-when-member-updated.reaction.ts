import { Injectable } from '@nestjs/common';
import { IntegrationEventBus, Reactor, type Recorded } from '@latchkey/event-store';
import { MEMBER_ROLE_CHANGED, type MemberRoleChangedIntegrationEvent } from '../contracts';
import { type MemberUpdated, ORGANIZATION_STREAM_PREFIX } from '../domain/organization/organization.events';
import { changedBy } from '../shared/removed-by';

/**
 * When a member's role changes, publishes `MEMBER_ROLE_CHANGED`, at least once and in log order, so
 * that other modules can act on the new role (a member changed to `user` loses developer access).
 * A change of permissions alone publishes nothing. `UpdateMemberHandler` waits for the reactions,
 * so the subscribers have run when the change answers.
 */
@Reactor()
@Injectable()
export class PublishMemberRoleChangedWhenMemberUpdated implements Reactor<MemberUpdated> {
  readonly name = 'organizations.publish-member-role-changed-when-member-updated';
  readonly eventTypes = ['MemberUpdated'] as const;

  constructor(private readonly bus: IntegrationEventBus) {}

  handles(event: Recorded<MemberUpdated>): boolean {
    return event.streamName.startsWith(ORGANIZATION_STREAM_PREFIX) && event.data.previousRole !== event.data.role;
  }

  async react(event: Recorded<MemberUpdated>): Promise<void> {
    const integrationEvent: MemberRoleChangedIntegrationEvent = {
      type: MEMBER_ROLE_CHANGED,
      organizationId: event.data.organizationId,
      userId: event.data.userId,
      role: event.data.role,
      previousRole: event.data.previousRole ?? null,
      changedBy: changedBy(event),
      at: event.data.updatedAt,
      position: event.position,
    };
    await this.bus.publish(integrationEvent);
  }
}
