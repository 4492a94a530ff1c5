import { Injectable } from '@nestjs/common';
import { Clock, type RequestContext } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import type { NewMember, OrganizationCommand } from '../domain/organization/organization.decide';
import { organizationDecider } from '../domain/organization/organization.decider';
import { organizationStream } from '../domain/organization/organization.events';
import type { OrganizationState } from '../domain/organization/organization.state';
import type { NewUser, OrganizationOnboarding } from './onboarding';

function commandFor(onboarding: OrganizationOnboarding, member: NewMember, at: string): OrganizationCommand {
  switch (onboarding.kind) {
    case 'found-organization':
      return { type: 'CreateOrganization', organizationId: onboarding.organizationId, name: onboarding.organizationName, founder: member, at };
    case 'join-organization':
      return {
        type: 'JoinOrganization',
        member,
        role: onboarding.role,
        permissions: onboarding.permissions,
        invitationId: onboarding.invitationId,
        ...(onboarding.invitedBy !== undefined ? { invitedBy: onboarding.invitedBy } : {}),
        at,
      };
    case 'add-service-user':
      return { type: 'AddServiceUser', member, role: onboarding.role, permissions: onboarding.permissions, addedBy: onboarding.addedBy, at };
  }
}

/**
 * The organization step of a registration: create the organization the user founds, add them to
 * the one that invited them, or add the service user an admin created. Idempotent, so the request that registered the user and the recovery
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
    const command = commandFor(onboarding, member, at);
    const { state } = await this.executor.execute(organizationDecider, organizationStream(onboarding.organizationId), command, {
      metadata: eventMetadata(context),
    });
    return state;
  }
}
