import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, DomainError, isRefusal, type RequestContext } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { type RegisteredUser, RegisterUserCommand, StartSessionCommand } from '@latchkey/identity';
import { invitationDecider } from '../../domain/invitation/invitation.decider';
import { invitationStream } from '../../domain/invitation/invitation.events';
import { InvitationIndexReadModel } from '../../read-models/invitation-index/invitation-index.read-model';
import type { OrganizationOnboarding } from '../../shared/onboarding';
import { OnboardingSteps } from '../../shared/onboarding-steps';
import { RegistrationGate } from '../../shared/registration-gate';
import { sha256Hex } from '../../shared/secrets';
import { AcceptInvitationCommand } from './accept-invitation.command';
import type { AcceptInvitationResponse } from './accept-invitation.dto';

const notFound = () => new DomainError('not-found', 'INVITATION_NOT_FOUND', 'No such invitation, or it has already been used');

/**
 * Accepts an invitation:
 * 1. redeems the token on the invitation's stream: appended with the expected revision, so of two
 *    concurrent acceptances exactly one wins and the other finds the invitation used (404);
 * 2. registers the user with the invited email (identity); if that fails (email taken, weak
 *    password), the invitation is reopened so that it can be accepted again, and the error returned;
 * 3. adds the member to the organization with the invited role and permissions (kept with the
 *    registration, so that it happens even if the process stops right after step 2);
 * 4. starts the new user's session.
 */
@CommandHandler(AcceptInvitationCommand)
export class AcceptInvitationHandler implements ICommandHandler<AcceptInvitationCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
    private readonly onboarding: OnboardingSteps,
    private readonly invitations: InvitationIndexReadModel,
    private readonly gate: RegistrationGate,
  ) {}

  execute(command: AcceptInvitationCommand): Promise<AcceptInvitationResponse> {
    return this.gate.acceptance(command.context, () => this.accept(command));
  }

  private async accept(command: AcceptInvitationCommand): Promise<AcceptInvitationResponse> {
    const tokenHash = sha256Hex(command.token);
    const invitationId = this.invitations.invitationIdByTokenHash(tokenHash);
    if (!invitationId) throw notFound();
    const stream = invitationStream(invitationId);

    const { state: invitation } = await this.executor.execute(
      invitationDecider,
      stream,
      { type: 'AcceptInvitation', tokenHash, at: this.clock.now().toISOString() },
      { metadata: eventMetadata(command.context) },
    );

    const onboarding: OrganizationOnboarding = {
      kind: 'join-organization',
      organizationId: invitation.organizationId,
      invitationId,
      role: invitation.role,
      permissions: invitation.permissions,
    };
    let user: RegisteredUser;
    try {
      user = await this.commands.execute(new RegisterUserCommand(invitation.email, command.password, command.name, command.context, onboarding));
    } catch (error) {
      const reason = isRefusal(error) ? error.code : 'REGISTRATION_FAILED';
      await this.executor.execute(
        invitationDecider,
        stream,
        { type: 'ReopenInvitation', reason, at: this.clock.now().toISOString() },
        { metadata: eventMetadata(command.context) },
      );
      throw error;
    }

    const context: RequestContext = { ...command.context, actor: { userId: user.userId, email: user.email } };
    await this.onboarding.finish(user, onboarding, context);

    const session = await this.commands.execute(new StartSessionCommand(user.userId, context));
    return {
      user: { id: user.userId, email: user.email, name: user.name },
      session: { token: session.token, expiresAt: session.expiresAt },
    };
  }
}
