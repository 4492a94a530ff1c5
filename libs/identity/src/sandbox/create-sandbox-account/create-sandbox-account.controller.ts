import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { ConsolePrincipal } from '../../contracts';
import { ConsoleAuthGuard } from '../../guards/console-auth.guard';
import { Principal } from '../../guards/principal.decorator';
import { httpRequestContext } from '../../shared/http-request-context';
import { CreateSandboxAccountCommand } from './create-sandbox-account.command';
import { SandboxAccountResponse } from './sandbox-account.response';

@ApiTags('Identity')
@ApiBearerAuth('session')
@UseGuards(ConsoleAuthGuard)
@Controller('console/v1/me/sandbox-account')
export class CreateSandboxAccountController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create my sandbox account',
    description: 'Gives the caller a user id in the sandbox environment, needed to create sandbox credentials. Once per user.',
  })
  @ApiCreatedResponse({ type: SandboxAccountResponse })
  @ApiConflictResponse({ description: '`SANDBOX_ACCOUNT_EXISTS`: the caller already has one.' })
  @ApiUnauthorizedResponse({ description: '`UNAUTHENTICATED`: no valid session token.' })
  create(@Principal() principal: ConsolePrincipal, @Req() request: FastifyRequest): Promise<SandboxAccountResponse> {
    return this.commandBus.execute(new CreateSandboxAccountCommand(principal.userId, httpRequestContext(request, principal)));
  }
}
