import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Ctx, Public, type RequestContext } from '@latchkey/building-blocks';
import { LoginDto } from './log-in.dto';
import { LogInCommand } from './log-in.command';
import { LoginResponse } from './log-in.response';
import { IssuesSessionCookie } from '../../guards/session-cookie.interceptor';

@ApiTags('Identity')
@Public()
@Controller('console/v1/sessions')
export class LoginController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @IssuesSessionCookie((body) => body as LoginResponse)
  @ApiOperation({
    summary: 'Log in',
    description:
      'Starts a 12-hour console session: the token in the answer (for `Authorization: Bearer`) and in the `latchkey_session` cookie ' +
      '(HttpOnly, SameSite=Strict; writes it authenticates need `X-Requested-With: latchkey`). Failed logins are throttled: 5 failures for an account within 15 minutes lock it for 30 s, ' +
      'doubling while failures continue, up to 15 minutes (addresses the account has logged in from before keep their own, separate count); ' +
      '20 failures from one client address within 15 minutes lock that address the same way.',
  })
  @ApiCreatedResponse({ type: LoginResponse, description: 'The session token (shown only here), when it expires, and the user.' })
  @ApiBadRequestResponse({ description: '`VALIDATION_FAILED`: a field is missing, not a string, too long or unknown.' })
  @ApiUnauthorizedResponse({
    description:
      '`INVALID_LOGIN`: the same answer, after the same work, for an unknown e-mail, a wrong password or a deactivated user, ' +
      'and for a wrong, used or replayed two-factor code. `MFA_REQUIRED`: the password is right and two-factor sign-in is on; send `totp` too.',
  })
  @ApiTooManyRequestsResponse({
    description: '`RATE_LIMITED`: too many failed logins; `Retry-After` gives the seconds to wait. The password was not checked.',
  })
  @ApiServiceUnavailableResponse({
    description:
      '`BUSY`: too many password checks are waiting (at most 2 run at a time and 64 wait); `Retry-After` gives the seconds to wait. ' +
      'The password was not checked and the attempt is not counted. ' +
      '`THROTTLE_UNAVAILABLE`: the shared throttle store (`THROTTLE_STORE`) does not answer, so the attempt cannot be counted; the password was not checked.',
  })
  login(@Body() body: LoginDto, @Ctx() context: RequestContext): Promise<LoginResponse> {
    return this.commandBus.execute(new LogInCommand(body.email, body.password, context, body.totp));
  }
}
