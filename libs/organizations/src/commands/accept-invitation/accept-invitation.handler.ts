import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, isRefusal, type RequestContext } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { type RegisteredUser, RegisterUserCommand, StartSessionCommand } from '@latchkey/identity';
import { invitationNotFound } from '../../domain/invitation/invitation.decide';
import { invitationDecider } from '../../domain/invitation/invitation.decider';
import { invitationStream } from '../../domain/invitation/invitation.events';
import { InvitationIndexReadModel } from '../../read-models/invitation-index/invitation-index.read-model';
import { InvitationListReadModel } from '../../read-models/invitation-list/invitation-list.read-model';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';
import type { OrganizationOnboarding } from '../../shared/onboarding';
import { OnboardingSteps } from '../../shared/onboarding-steps';
import { RegistrationGate } from '../../shared/registration-gate';
import { sha256Hex } from '../../shared/secrets';
import { AcceptInvitationCommand } from './accept-invitation.command';
import type { AcceptInvitationResponse } from './accept-invitation.dto';

/**
 * Accepts an invitation:
 * 0. the registration gate counts the attempt against the client address (429 past the limit);
 * 1. redeems the token on the invitation's stream, if its inviter is still an active developer_admin
 *    of the organization (else 404, the answer an unknown token gets): appended with the expected
 *    revision, so of two concurrent acceptances exactly one wins and the other finds it used (404);
 * 2. registers the user with the invited email (identity); if that fails (email taken, weak
 *    password, look-alike address, hashing busy), the invitation is reopened so that it can be
 *    accepted again, and the error returned;
 * 3. adds the member to the organization with the invited role and permissions (kept with the
 *    registration, so that it happens even if the process stops right after step 2); the
 *    organization checks the inviter again on its own stream, so an admin removed or demoted while
 *    this ran brings no one in;
 * 4. starts the new user's session.
 *
 * Invitations issued before inviters were recorded cannot be vouched for, so they are not accepted
 * (404); their admins invite again.
 */
@CommandHandler(AcceptInvitationCommand)
export class AcceptInvitationHandler implements ICommandHandler<AcceptInvitationCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
    private readonly onboarding: OnboardingSteps,
    private readonly invitations: InvitationIndexReadModel,
    private readonly invitationList: InvitationListReadModel,
    private readonly members: MemberListReadModel,
    private readonly gate: RegistrationGate,
  ) {}

  execute(command: AcceptInvitationCommand): Promise<AcceptInvitationResponse> {
    return this.gate.acceptance(command.context, () => this.accept(command));
  }

  private async accept(command: AcceptInvitationCommand): Promise<AcceptInvitationResponse> {
    const tokenHash = sha256Hex(command.token);
    const invitationId = this.invitations.invitationIdByTokenHash(tokenHash);
    if (!invitationId) throw invitationNotFound();
    const stream = invitationStream(invitationId);

    const { state: invitation } = await this.executor.execute(
      invitationDecider,
      stream,
      { type: 'AcceptInvitation', tokenHash, inviter: this.inviterOf(invitationId), at: this.clock.now().toISOString() },
      { metadata: eventMetadata(command.context) },
    );

    const onboarding: OrganizationOnboarding = {
      kind: 'join-organization',
      organizationId: invitation.organizationId,
      invitationId,
      role: invitation.role,
      permissions: invitation.permissions,
      invitedBy: invitation.invitedBy!.userId,
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

  /** The invitation's inviter and whether they are still an active developer_admin of its organization; the decider checks it is the inviter it recorded. */
  private inviterOf(invitationId: string): { userId: string; activeAdmin: boolean } | null {
    const issuer = this.invitationList.issuer(invitationId);
    if (!issuer?.invitedBy) return null;
    const member = this.members.memberOf(issuer.organizationId, issuer.invitedBy);
    return { userId: issuer.invitedBy, activeAdmin: member?.status === 'active' && member.role === 'developer_admin' };
  }
}
