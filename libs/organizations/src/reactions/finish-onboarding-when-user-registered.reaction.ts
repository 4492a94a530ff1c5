import { Injectable, Logger } from '@nestjs/common';
import { type Actor, isRefusal, systemContext } from '@latchkey/building-blocks';
import { type IntegrationEventHandler, OnIntegrationEvent } from '@latchkey/event-store';
import { USER_REGISTERED, type UserRegisteredIntegrationEvent } from '@latchkey/identity';
import { MemberListReadModel } from '../read-models/members/member-list.read-model';
import { type OrganizationOnboarding, readOnboarding } from '../shared/onboarding';
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

  constructor(
    private readonly steps: OnboardingSteps,
    private readonly members: MemberListReadModel,
  ) {}

  /** Who the step is done as: the new user, or the admin who created a service user. */
  private actorOf(event: UserRegisteredIntegrationEvent, onboarding: OrganizationOnboarding): Actor {
    if (onboarding.kind !== 'add-service-user') return { userId: event.userId, email: event.email };
    const admin = this.members.membershipOf(onboarding.addedBy);
    return { userId: onboarding.addedBy, ...(admin ? { email: admin.email } : {}) };
  }

  async handle(event: UserRegisteredIntegrationEvent): Promise<void> {
    const onboarding = readOnboarding(event.onboarding);
    if (!onboarding) return;
    // The registering request's address: the member joined from there, whichever of the two finished the step.
    const context = {
      ...systemContext(`${USER_REGISTERED}@${event.position}`, this.actorOf(event, onboarding)),
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
