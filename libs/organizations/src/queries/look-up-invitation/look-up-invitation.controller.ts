import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Clock, COMMON_PROBLEMS, Ctx, DomainError, Public, type RequestContext } from '@latchkey/building-blocks';
import { invitationNotFound } from '../../domain/invitation/invitation.decide';
import { InvitationIndexReadModel } from '../../read-models/invitation-index/invitation-index.read-model';
import { InvitationListReadModel } from '../../read-models/invitation-list/invitation-list.read-model';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';
import { RegistrationGate } from '../../shared/registration-gate';
import { sha256Hex } from '../../shared/secrets';
import { InvitationLookupResponse, LookUpInvitationDto } from './look-up-invitation.dto';

@ApiTags('Organizations')
@Public()
@Controller('console/v1/invitations')
export class LookUpInvitationController {
  constructor(
    private readonly clock: Clock,
    private readonly index: InvitationIndexReadModel,
    private readonly invitations: InvitationListReadModel,
    private readonly members: MemberListReadModel,
    private readonly gate: RegistrationGate,
  ) {}

  @Post('lookup')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What an invitation is for, before accepting it (no session needed)',
    description:
      'The organization, address and role of the invitation whose token is given, for the invitation page to show. Answers as acceptance ' +
      'would: `404` for a token that is unknown, used or cancelled, or whose inviter is no longer an active developer_admin; `410` once ' +
      'expired. The token goes in the body, never in the path. Refused with `429` while the client address is past the sign-up limit ' +
      '(`SIGNUP_RATE_LIMIT`); a lookup that finds no invitation counts against that limit with sign-ups and acceptances.',
  })
  @ApiOkResponse({ type: InvitationLookupResponse })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    [404, 'INVITATION_NOT_FOUND', 'unknown token; the invitation has been used or cancelled; or its inviter is no longer an active developer_admin'],
    [410, 'INVITATION_EXPIRED', 'the invitation has expired'],
    [429, 'RATE_LIMITED', 'too many sign-ups, acceptances and failed lookups from this client address; `Retry-After` gives the seconds to wait'],
    [
      503,
      'THROTTLE_UNAVAILABLE',
      'the shared throttle store (`THROTTLE_STORE`) does not answer, so the attempt cannot be counted; `Retry-After` gives the seconds to wait',
    ],
  )
  lookup(@Body() body: LookUpInvitationDto, @Ctx() context: RequestContext): Promise<InvitationLookupResponse> {
    return this.gate.lookup(context, async () => this.find(body.token));
  }

  private find(token: string): InvitationLookupResponse {
    const invitationId = this.index.invitationIdByTokenHash(sha256Hex(token));
    const invitation = invitationId ? this.invitations.byId(invitationId, this.clock.now()) : null;
    if (!invitation || invitation.status === 'accepted' || invitation.status === 'cancelled' || !invitation.invitedBy) throw invitationNotFound();
    const inviter = this.members.memberOf(invitation.organizationId, invitation.invitedBy.userId);
    if (inviter?.status !== 'active' || inviter.role !== 'developer_admin') throw invitationNotFound();
    if (invitation.status === 'expired') throw new DomainError('gone', 'INVITATION_EXPIRED', 'The invitation has expired; ask for a new one');
    return { organizationName: this.members.organizationName(invitation.organizationId) ?? '', email: invitation.email, role: invitation.role };
  }
}
