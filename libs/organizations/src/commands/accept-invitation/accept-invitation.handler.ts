import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, DomainError, isRefusal } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata, READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';
import { type RegisteredUser, RegisterUserCommand, StartSessionCommand } from '@latchkey/identity';
import type { OrganizationOnboarding } from '../../shared/onboarding';
import { OnboardingSteps } from '../../shared/onboarding-steps';
import { actorOf, requestContext } from '../../shared/request-context';
import { sha256Hex } from '../../shared/secrets';
import { invitationDecider } from '../../domain/invitation/invitation.decider';
import { invitationStream } from '../../domain/invitation/invitation.events';
import { invitationIdByTokenHash } from '../../read-models/invitation-index/invitation-index.projection';
import type { AcceptInvitationResponse } from './accept-invitation.dto';

export class AcceptInvitationCommand extends Command<AcceptInvitationResponse> {
  constructor(
    readonly token: string,
    readonly name: string,
    readonly password: string,
    readonly correlationId: string,
  ) {
    super();
  }
}

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
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
  ) {}

  async execute(command: AcceptInvitationCommand): Promise<AcceptInvitationResponse> {
    const tokenHash = sha256Hex(command.token);
    const invitationId = invitationIdByTokenHash(this.db, tokenHash);
    if (!invitationId) throw notFound();
    const anonymous = requestContext(null, command.correlationId);
    const stream = invitationStream(invitationId);

    const { state: invitation } = await this.executor.execute(
      invitationDecider,
      stream,
      { type: 'AcceptInvitation', tokenHash, at: this.clock.now().toISOString() },
      { metadata: eventMetadata(anonymous) },
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
      user = await this.commands.execute(new RegisterUserCommand(invitation.email, command.password, command.name, anonymous, onboarding));
    } catch (error) {
      const reason = isRefusal(error) ? error.code : 'REGISTRATION_FAILED';
      await this.executor.execute(
        invitationDecider,
        stream,
        { type: 'ReopenInvitation', reason, at: this.clock.now().toISOString() },
        { metadata: eventMetadata(anonymous) },
      );
      throw error;
    }

    const context = requestContext(actorOf(user), command.correlationId);
    await this.onboarding.finish(user, onboarding, context);

    const session = await this.commands.execute(new StartSessionCommand(user.userId, context));
    return {
      user: { id: user.userId, email: user.email, name: user.name },
      session: { token: session.token, expiresAt: session.expiresAt },
    };
  }
}
