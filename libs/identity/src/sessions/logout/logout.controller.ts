import { Controller, Delete, HttpCode, Req, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { ConsolePrincipal } from '../../contracts';
import { ConsoleAuthGuard } from '../../guards/console-auth.guard';
import { Principal } from '../../guards/principal.decorator';
import { httpRequestContext } from '../../shared/http-request-context';
import { EndSessionCommand } from '../end-session/end-session.command';

@ApiTags('Identity')
@ApiBearerAuth('session')
@UseGuards(ConsoleAuthGuard)
@Controller('console/v1/sessions')
export class LogoutController {
  constructor(private readonly commandBus: CommandBus) {}

  @Delete('current')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out', description: 'Ends the session of the presented token; the token stops working at once.' })
  @ApiNoContentResponse({ description: 'The session has ended.' })
  @ApiUnauthorizedResponse({ description: '`UNAUTHENTICATED`: no token, or a token that is unknown, ended or expired.' })
  async logout(@Principal() principal: ConsolePrincipal, @Req() request: FastifyRequest): Promise<void> {
    await this.commandBus.execute(new EndSessionCommand(principal.sessionId, 'logout', httpRequestContext(request, principal)));
  }
}
