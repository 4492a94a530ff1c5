import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, Public, type RequestContext } from '@latchkey/building-blocks';
import { ACCOUNT_PROBLEMS } from '../../shared/account-security/account-problems';
import { ResetPasswordCommand } from './reset-password.command';
import { ResetPasswordDto } from './reset-password.dto';

@ApiTags('Account security')
@Public()
@Controller('console/v1/password-resets')
export class ResetPasswordController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with a reset token (no session needed)',
    description:
      'The token a developer admin issued (valid 24 hours, once). Every session of the user ends; two-factor sign-in stays as it was. ' +
      'The token travels in the body, never in a path, so it stays out of access logs.',
  })
  @ApiNoContentResponse({ description: 'The password is set; sign in with it' })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    [404, 'PASSWORD_RESET_NOT_FOUND', 'the token is unknown, used, or replaced by a newer one'],
    [410, 'PASSWORD_RESET_EXPIRED', 'the token has expired; ask a developer admin for a new one'],
    ACCOUNT_PROBLEMS.busy,
  )
  async reset(@Body() body: ResetPasswordDto, @Ctx() context: RequestContext): Promise<void> {
    await this.commands.execute(new ResetPasswordCommand(body.token, body.newPassword, context));
  }
}
