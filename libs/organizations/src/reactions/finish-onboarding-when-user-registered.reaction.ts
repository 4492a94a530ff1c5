import { Injectable, Logger } from '@nestjs/common';
import { isRefusal, systemContext } from '@latchkey/building-blocks';
import { type IntegrationEventHandler, OnIntegrationEvent } from '@latchkey/event-store';
import { USER_REGISTERED, type UserRegisteredIntegrationEvent } from '@latchkey/identity';
import { readOnboarding } from '../shared/onboarding';
import { OnboardingSteps } from '../shared/onboarding-steps';

/**
 * Finishes the organization step of every registration this module asked for. Normally the signup
 * or acceptance request has done it already and this changes nothing; after a crash between
 * registering the user and that step, this is what gives the user their organization.
 */
@OnIntegrationEvent(USER_REGISTERED)
@Injectable()
export class FinishOnboardingWhenUserRegistered implements IntegrationEventHandler<UserRegisteredIntegrationEvent> {
  private readonly logger = new Logger('Organizations');

  constructor(private readonly steps: OnboardingSteps) {}

  async handle(event: UserRegisteredIntegrationEvent): Promise<void> {
    const onboarding = readOnboarding(event.onboarding);
    if (!onboarding) return;
    // The registering request's address: the member joined from there, whichever of the two finished the step.
    const context = {
      ...systemContext(`${USER_REGISTERED}@${event.position}`, { userId: event.userId, email: event.email }),
      address: event.address ?? null,
    };
    try {
      await this.steps.finish(event, onboarding, context);
    } catch (error) {
      // A refusal (say, the organization was founded by someone else) will not change on a retry;
      // anything else (the store is unavailable) is thrown so that the reaction is retried.
      if (!isRefusal(error)) throw error;
      this.logger.warn(`Registration of user ${event.userId} at position ${event.position} could not finish its organization step: ${error.code}`);
    }
  }
}
