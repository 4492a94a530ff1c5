import { Controller, Delete, HttpCode } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, DomainError, type RequestContext } from '@latchkey/building-blocks';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { ConsolePrincipal } from '../../contracts';
import { Principal } from '../../guards/principal.decorator';
import { SessionOnly } from '../../guards/require-scope.decorator';
import { EndSessionCommand } from '../end-session/end-session.command';
import { ClearsSessionCookie } from '../../guards/session-cookie.interceptor';

@ApiTags('Identity')
@ApiBearerAuth('session')
@SessionOnly()
@Controller('console/v1/sessions')
export class LogoutController {
  constructor(private readonly commandBus: CommandBus) {}

  @Delete('current')
  @HttpCode(204)
  @ClearsSessionCookie()
  @ApiOperation({
    summary: 'Log out',
    description: 'Ends the session of the presented token; the token stops working at once, and the session cookie is cleared.',
  })
  @ApiNoContentResponse({ description: 'The session has ended.' })
  @ApiUnauthorizedResponse({ description: '`UNAUTHENTICATED`: no token, or a token that is unknown, ended or expired.' })
  async logout(@Principal() principal: ConsolePrincipal, @Ctx() context: RequestContext): Promise<void> {
    if (principal.sessionId === null) throw new DomainError('forbidden', 'SESSION_REQUIRED', 'Only a session can be logged out');
    await this.commandBus.execute(new EndSessionCommand(principal.sessionId, 'logout', context));
  }
}
