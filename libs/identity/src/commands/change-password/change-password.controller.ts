import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { ConsolePrincipal } from '../../contracts';
import { Principal } from '../../guards/principal.decorator';
import { ACCOUNT_PROBLEMS } from '../../shared/account-security/account-problems';
import { ChangePasswordCommand } from './change-password.command';
import { ChangePasswordDto } from './change-password.dto';
import { SessionOnly } from '../../guards/require-scope.decorator';

@ApiTags('Account security')
@ApiBearerAuth('session')
@SessionOnly()
@Controller('console/v1/me/password')
export class ChangePasswordController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change your password',
    description:
      'Needs the current password (checked and throttled like a login). Every other session of yours ends; this one continues. ' +
      'A wrong current password is a 422, not a 401, so the console stays signed in.',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    COMMON_PROBLEMS.unauthenticated,
    ACCOUNT_PROBLEMS.csrf,
    [422, 'INVALID_CURRENT_PASSWORD', 'the current password is wrong (counted by the login throttle)'],
    ACCOUNT_PROBLEMS.rateLimited,
    ACCOUNT_PROBLEMS.busy,
  )
  async change(@Principal() principal: ConsolePrincipal, @Body() body: ChangePasswordDto, @Ctx() context: RequestContext): Promise<void> {
    await this.commands.execute(new ChangePasswordCommand(principal, body.currentPassword, body.newPassword, context));
  }
}
