import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { IssuesSessionCookie } from '@latchkey/identity';
import { ApiProblems, COMMON_PROBLEMS, Ctx, Public, type RequestContext } from '@latchkey/building-blocks';
import { AcceptInvitationCommand } from './accept-invitation.command';
import { AcceptInvitationDto, AcceptInvitationResponse } from './accept-invitation.dto';

@ApiTags('Organizations')
@Public()
@Controller('console/v1/invitations')
export class AcceptInvitationController {
  constructor(private readonly commands: CommandBus) {}

  @IssuesSessionCookie((body) => (body as AcceptInvitationResponse).session)
  @Post(':token/accept')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Accept an invitation (no session needed)',
    description:
      'Creates the invited user with the invited email, makes them a member with the invited role and permissions, and answers with their first session (also set as the `latchkey_session` cookie). ' +
      'An invitation is accepted once; when registration fails (e.g. the email is taken) it stays usable. ' +
      'It is accepted only while the developer_admin who issued it still is one (else 404, as for an unknown token). ' +
      'Acceptances and sign-ups count together against the client address (`SIGNUP_RATE_LIMIT`, default 10 per 600 s), whatever their outcome.',
  })
  @ApiParam({ name: 'token', description: 'The invitation token from the invitation’s answer' })
  @ApiCreatedResponse({ type: AcceptInvitationResponse })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    [
      404,
      'INVITATION_NOT_FOUND',
      'unknown token; the invitation has been used or cancelled; or its inviter is no longer an active developer_admin of the organization',
    ],
    [409, 'EMAIL_TAKEN', 'a user with the invited email exists'],
    [410, 'INVITATION_EXPIRED', 'the invitation has expired'],
    [429, 'RATE_LIMITED', 'too many sign-ups and invitation acceptances from this client address; `Retry-After` gives the seconds to wait'],
    [503, 'BUSY', 'too many password hashes are waiting; `Retry-After` gives the seconds to wait'],
    [
      503,
      'THROTTLE_UNAVAILABLE',
      'the shared throttle store (`THROTTLE_STORE`) does not answer, so the attempt cannot be counted; `Retry-After` gives the seconds to wait',
    ],
  )
  accept(@Param('token') token: string, @Body() body: AcceptInvitationDto, @Ctx() context: RequestContext): Promise<AcceptInvitationResponse> {
    return this.commands.execute(new AcceptInvitationCommand(token, body.name, body.password, context));
  }
}
