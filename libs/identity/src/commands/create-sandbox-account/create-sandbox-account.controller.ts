import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, type RequestContext } from '@latchkey/building-blocks';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { ConsolePrincipal } from '../../contracts';
import { Principal } from '../../guards/principal.decorator';
import { RequireScope } from '../../guards/require-scope.decorator';
import { CreateSandboxAccountCommand } from '../../contracts';
import { SandboxAccountResponse } from './create-sandbox-account.response';

@ApiTags('Identity')
@ApiBearerAuth('session')
@RequireScope('credentials:write')
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
  create(@Principal() principal: ConsolePrincipal, @Ctx() context: RequestContext): Promise<SandboxAccountResponse> {
    return this.commandBus.execute(new CreateSandboxAccountCommand(principal.userId, context));
  }
}
