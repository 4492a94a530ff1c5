import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock, DomainError } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { DEFAULT_PERMISSIONS } from '../../contracts';
import { invitationDecider } from '../../domain/invitation/invitation.decider';
import { invitationStream } from '../../domain/invitation/invitation.events';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';
import { callerOf } from '../../shared/caller';
import { randomSecret, sha256Hex } from '../../shared/secrets';
import { CreateInvitationCommand } from './create-invitation.command';
import type { InvitationResponse } from './create-invitation.dto';

/** How long an invitation can be accepted. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Invites someone: a 256-bit random token, shown once in the answer; only its SHA-256 is stored.
 * Permissions default to the role's (DEFAULT_PERMISSIONS). The invitation records its inviter: it
 * can be accepted only while they are an active developer_admin of the organization.
 */
@CommandHandler(CreateInvitationCommand)
export class CreateInvitationHandler implements ICommandHandler<CreateInvitationCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly members: MemberListReadModel,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateInvitationCommand): Promise<InvitationResponse> {
    const caller = callerOf(command.context);
    if (this.members.activeMemberByEmail(command.organizationId, command.email)) {
      throw new DomainError('conflict', 'ALREADY_A_MEMBER', 'A member of your organization already has this email');
    }
    const invitationId = randomUUID();
    const token = randomSecret(32);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS).toISOString();
    const { state } = await this.executor.execute(
      invitationDecider,
      invitationStream(invitationId),
      {
        type: 'CreateInvitation',
        invitationId,
        organizationId: command.organizationId,
        email: command.email,
        role: command.role,
        permissions: command.permissions ?? [...DEFAULT_PERMISSIONS[command.role]],
        tokenHash: sha256Hex(token),
        invitedBy: { userId: caller.userId, email: caller.email ?? '' },
        at: now.toISOString(),
        expiresAt,
      },
      { metadata: eventMetadata(command.context) },
    );
    return { id: invitationId, email: state.email, role: state.role, permissions: state.permissions, token, expiresAt };
  }
}
