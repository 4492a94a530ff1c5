import { Body, Controller, Delete, HttpCode } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { ConsolePrincipal } from '../../contracts';
import { Principal } from '../../guards/principal.decorator';
import { ACCOUNT_PROBLEMS } from '../../shared/account-security/account-problems';
import { DisableTotpCommand } from './disable-totp.command';
import { DisableTotpDto } from './disable-totp.dto';
import { SessionOnly } from '../../guards/require-scope.decorator';

@ApiTags('Account security')
@ApiBearerAuth('session')
@SessionOnly()
@Controller('console/v1/me/mfa/totp')
export class DisableTotpController {
  constructor(private readonly commands: CommandBus) {}

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Turn two-factor sign-in off',
    description: 'Needs your password and a code (TOTP or recovery), checked and throttled like a login.',
  })
  @ApiNoContentResponse({ description: 'Two-factor sign-in is off' })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    COMMON_PROBLEMS.unauthenticated,
    ACCOUNT_PROBLEMS.csrf,
    [409, 'MFA_NOT_ENABLED', 'two-factor sign-in is not on'],
    [422, 'INVALID_CODE', 'the password or the code is wrong (counted by the login throttle)'],
    ACCOUNT_PROBLEMS.rateLimited,
    ACCOUNT_PROBLEMS.busy,
  )
  async disable(@Principal() principal: ConsolePrincipal, @Body() body: DisableTotpDto, @Ctx() context: RequestContext): Promise<void> {
    await this.commands.execute(new DisableTotpCommand(principal, body.password, body.code, context));
  }
}
