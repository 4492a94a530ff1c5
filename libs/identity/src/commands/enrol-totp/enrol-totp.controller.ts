import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { ConsolePrincipal } from '../../contracts';
import { Principal } from '../../guards/principal.decorator';
import { ACCOUNT_PROBLEMS } from '../../shared/account-security/account-problems';
import { EnrolTotpCommand } from './enrol-totp.command';
import { SessionOnly } from '../../guards/require-scope.decorator';

export class TotpEnrolmentResponse {
  @ApiProperty({ description: 'The seed in base32, to type into an authenticator app; shown only here', example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
  secret!: string;
  @ApiProperty({ description: 'The same seed as an `otpauth://totp/…` URI (RFC 6238: SHA-1, 6 digits, 30 s), for the QR code' })
  otpauthUri!: string;
}

@ApiTags('Account security')
@ApiBearerAuth('session')
@SessionOnly()
@Controller('console/v1/me/mfa/totp')
export class EnrolTotpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Start two-factor enrolment (TOTP)',
    description: 'A new seed; two-factor sign-in is on only once a code of it is confirmed. Starting again replaces an unconfirmed seed.',
  })
  @ApiCreatedResponse({ type: TotpEnrolmentResponse })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, ACCOUNT_PROBLEMS.csrf, [409, 'MFA_ALREADY_ENABLED', 'two-factor sign-in is on; turn it off first'])
  enrol(@Principal() principal: ConsolePrincipal, @Ctx() context: RequestContext): Promise<TotpEnrolmentResponse> {
    return this.commands.execute(new EnrolTotpCommand(principal, context));
  }
}
