import { Injectable } from '@nestjs/common';
import { IntegrationEventBus, type Reactor, type RecordedEvent } from '@latchkey/event-store';
import { USER_REGISTERED, type UserRegisteredIntegrationEvent } from '../../contracts';
import { isUserStream } from '../../shared/streams';
import type { UserRegistered } from '../user.events';

/** Turns `UserRegistered` into the `USER_REGISTERED` integration event (never with the password hash). */
@Injectable()
export class UserRegisteredReactor implements Reactor {
  readonly name = 'identity.user-registered';

  constructor(private readonly bus: IntegrationEventBus) {}

  handles(event: RecordedEvent): boolean {
    return event.type === 'UserRegistered' && isUserStream(event.streamName);
  }

  async react(event: RecordedEvent): Promise<void> {
    const { data } = event as unknown as UserRegistered & RecordedEvent;
    const integrationEvent: UserRegisteredIntegrationEvent = {
      type: USER_REGISTERED,
      userId: data.userId,
      email: data.email,
      name: data.name,
      ...(data.onboarding ? { onboarding: data.onboarding } : {}),
      position: event.position,
    };
    await this.bus.publish(integrationEvent);
  }
}
