import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { type ConsolePrincipal, RevokeApiTokenCommand } from '../../contracts';
import { Principal } from '../../guards/principal.decorator';
import { SessionOnly } from '../../guards/require-scope.decorator';

@ApiTags('API tokens')
@ApiBearerAuth('session')
@SessionOnly()
@Controller('console/v1/me/api-tokens')
export class RevokeApiTokenController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of my API tokens', description: 'It stops working when this answers. Sessions only.' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiNotFoundResponse({ description: '`API_TOKEN_NOT_FOUND`: no such token of the caller’s.' })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated)
  async revoke(@Principal() principal: ConsolePrincipal, @Param('id') id: string, @Ctx() context: RequestContext): Promise<void> {
    await this.commands.execute(new RevokeApiTokenCommand(id, [principal.userId], context));
  }
}
