import { Injectable } from '@nestjs/common';
import { IntegrationEventBus, type Recorded, Reactor } from '@latchkey/event-store';
import { USER_REGISTERED, type UserRegisteredIntegrationEvent } from '../contracts';
import { isUserStream } from '../shared/streams';
import type { UserRegistered } from '../domain/user/user.events';

/** Turns `UserRegistered` into the `USER_REGISTERED` integration event (never with the password hash). */
@Reactor()
@Injectable()
export class PublishUserRegisteredWhenUserRegistered implements Reactor<UserRegistered> {
  readonly name = 'identity.user-registered';
  readonly eventTypes = ['UserRegistered'] as const;

  constructor(private readonly bus: IntegrationEventBus) {}

  handles(event: Recorded<UserRegistered>): boolean {
    return isUserStream(event.streamName);
  }

  async react(event: Recorded<UserRegistered>): Promise<void> {
    const { data } = event;
    const integrationEvent: UserRegisteredIntegrationEvent = {
      type: USER_REGISTERED,
      userId: data.userId,
      email: data.email,
      name: data.name,
      ...(data.onboarding ? { onboarding: data.onboarding } : {}),
      ...(typeof event.metadata.address === 'string' ? { address: event.metadata.address } : {}),
      position: event.position,
    };
    await this.bus.publish(integrationEvent);
  }
}
