import { Injectable } from '@nestjs/common';
import { Clock, type RequestContext } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import type { OrganizationCommand } from '../domain/organization/organization.decide';
import { organizationDecider } from '../domain/organization/organization.decider';
import { organizationStream } from '../domain/organization/organization.events';
import type { OrganizationState } from '../domain/organization/organization.state';
import type { NewUser, OrganizationOnboarding } from './onboarding';

/**
 * The organization step of a registration: create the organization the user founds, or add them to
 * the one that invited them. Idempotent, so the request that registered the user and the recovery
 * after an interruption (`FinishOnboardingWhenUserRegistered`) can both run it.
 */
@Injectable()
export class OnboardingSteps {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
  ) {}

  async finish(user: NewUser, onboarding: OrganizationOnboarding, context: RequestContext): Promise<OrganizationState> {
    const at = this.clock.now().toISOString();
    const member = { userId: user.userId, email: user.email, name: user.name };
    const command: OrganizationCommand =
      onboarding.kind === 'found-organization'
        ? { type: 'CreateOrganization', organizationId: onboarding.organizationId, name: onboarding.organizationName, founder: member, at }
        : {
            type: 'JoinOrganization',
            member,
            role: onboarding.role,
            permissions: onboarding.permissions,
            invitationId: onboarding.invitationId,
            ...(onboarding.invitedBy !== undefined ? { invitedBy: onboarding.invitedBy } : {}),
            at,
          };
    const { state } = await this.executor.execute(organizationDecider, organizationStream(onboarding.organizationId), command, {
      metadata: eventMetadata(context),
    });
    return state;
  }
}
