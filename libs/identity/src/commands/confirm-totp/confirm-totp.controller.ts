import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { ConsolePrincipal } from '../../contracts';
import { Principal } from '../../guards/principal.decorator';
import { ACCOUNT_PROBLEMS } from '../../shared/account-security/account-problems';
import { ConfirmTotpCommand } from './confirm-totp.command';
import { ConfirmTotpDto, RecoveryCodesResponse } from './confirm-totp.dto';
import { SessionOnly } from '../../guards/require-scope.decorator';

@ApiTags('Account security')
@ApiBearerAuth('session')
@SessionOnly()
@Controller('console/v1/me/mfa/totp/confirm')
export class ConfirmTotpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm two-factor enrolment with a code',
    description: 'Two-factor sign-in is on from now; every other session of yours ends. The 10 recovery codes are shown only in this answer.',
  })
  @ApiOkResponse({ type: RecoveryCodesResponse })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    COMMON_PROBLEMS.unauthenticated,
    ACCOUNT_PROBLEMS.csrf,
    [409, 'MFA_ALREADY_ENABLED', 'two-factor sign-in is on already'],
    [409, 'MFA_ENROLMENT_NOT_STARTED', 'no enrolment was started'],
    [422, 'INVALID_CODE', 'the code is not the seed’s code of now (±30 s)'],
  )
  confirm(@Principal() principal: ConsolePrincipal, @Body() body: ConfirmTotpDto, @Ctx() context: RequestContext): Promise<RecoveryCodesResponse> {
    return this.commands.execute(new ConfirmTotpCommand(principal, body.code, context));
  }
}
