import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IssuesSessionCookie } from '@latchkey/identity';
import { ApiProblems, COMMON_PROBLEMS, Ctx, Public, type RequestContext } from '@latchkey/building-blocks';
import { SignupCommand } from './signup.command';
import { SignupDto, SignupResponse } from './signup.dto';

@ApiTags('Identity')
@Public()
@Controller('console/v1/signup')
export class SignupController {
  constructor(private readonly commands: CommandBus) {}

  @IssuesSessionCookie((body) => (body as SignupResponse).session)
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Sign up: create a user and their organization',
    description:
      'The new user is the organization’s first member, with role `developer_admin` and every permission. Answers with a session token, also set as the `latchkey_session` cookie. ' +
      'With `SIGNUP=invite-only` sign-up is closed (`403 SIGNUP_DISABLED`), except for the one sign-up that bootstraps an installation ' +
      'without any organization, which must carry `setupToken` equal to the server’s `SETUP_TOKEN`. ' +
      'Sign-ups and invitation acceptances count together against the client address (`SIGNUP_RATE_LIMIT`, default 10 per 600 s), ' +
      'whatever their outcome. `409 EMAIL_TAKEN` tells that an address has an account: a deliberate trade-off (a person signing up ' +
      'must learn it), bounded by that throttle.',
  })
  @ApiCreatedResponse({ type: SignupResponse })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    [
      403,
      'SIGNUP_DISABLED',
      '`SIGNUP=invite-only`: sign-up is closed, or the bootstrap sign-up’s `setupToken` is missing or wrong (answered before any 429)',
    ],
    [409, 'EMAIL_TAKEN', 'a user with this email exists'],
    [429, 'RATE_LIMITED', 'too many sign-ups and invitation acceptances from this client address; `Retry-After` gives the seconds to wait'],
    [503, 'BUSY', 'too many password hashes are waiting; `Retry-After` gives the seconds to wait'],
    [
      503,
      'THROTTLE_UNAVAILABLE',
      'the shared throttle store (`THROTTLE_STORE`) does not answer, so the attempt cannot be counted; `Retry-After` gives the seconds to wait',
    ],
  )
  signup(@Body() body: SignupDto, @Ctx() context: RequestContext): Promise<SignupResponse> {
    return this.commands.execute(new SignupCommand(body.email, body.password, body.name, body.organizationName, body.setupToken, context));
  }
}
