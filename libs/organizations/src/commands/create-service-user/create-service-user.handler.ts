import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, ProjectionRunner } from '@latchkey/event-store';
import { type RegisteredUser, RegisterServiceUserCommand } from '@latchkey/identity';
import { DEFAULT_PERMISSIONS, type MembershipView } from '../../contracts';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';
import type { OrganizationOnboarding } from '../../shared/onboarding';
import { OnboardingSteps } from '../../shared/onboarding-steps';
import { CreateServiceUserCommand } from './create-service-user.command';

/**
 * Identity registers the service user (no password, an internal address, a production user id),
 * with the organization step kept in the registration; then the organization adds it as a member of
 * kind `service`, checking on its own stream that the caller is still an active developer_admin.
 * Should the process stop in between, `FinishOnboardingWhenUserRegistered` adds it.
 */
@CommandHandler(CreateServiceUserCommand)
export class CreateServiceUserHandler implements ICommandHandler<CreateServiceUserCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly onboarding: OnboardingSteps,
    private readonly members: MemberListReadModel,
    private readonly projections: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ admin, name, role, permissions, context }: CreateServiceUserCommand): Promise<MembershipView> {
    const onboarding: OrganizationOnboarding = {
      kind: 'add-service-user',
      organizationId: admin.organizationId,
      role,
      permissions: permissions ?? [...DEFAULT_PERMISSIONS[role]],
      addedBy: admin.userId,
    };
    const user: RegisteredUser = await this.commands.execute(new RegisterServiceUserCommand(name, context, onboarding));
    await this.onboarding.finish(user, onboarding, context);
    return this.members.memberOf(admin.organizationId, user.userId) ?? (await this.afterReaction(admin.organizationId, user.userId));
  }

  /** The registration's reaction added the member first (this step then appended nothing): wait until the read models include it. */
  private async afterReaction(organizationId: string, userId: string): Promise<MembershipView> {
    await this.projections.waitFor(await this.store.headPosition());
    const member = this.members.memberOf(organizationId, userId);
    if (!member) throw new Error('The service user was added but is not in the member list');
    return member;
  }
}
