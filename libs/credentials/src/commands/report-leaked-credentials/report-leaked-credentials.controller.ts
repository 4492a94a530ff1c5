import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, DomainError, Public, type RequestContext } from '@latchkey/building-blocks';
import { LeakedCredentialRevoker } from './leaked-credential-revoker';
import { LeakReportThrottle } from './leak-report-throttle';
import { MAX_REPORT_CHARACTERS, ReportLeakedCredentialsDto } from './report-leaked-credentials.dto';

@ApiTags('Leaked credentials')
@Public()
@Controller('public/v1/credentials')
export class ReportLeakedCredentialsController {
  constructor(
    private readonly throttle: LeakReportThrottle,
    private readonly revoker: LeakedCredentialRevoker,
  ) {}

  @Post('revoke')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Report leaked credentials (no authentication)',
    description:
      'Anyone who finds Latchkey credential JWTs (they start with `eyJhbGciOiJFUzI1NiIsInR5cCI6ImNyZWRlbnRpYWwrand0Iiwia2lkIjoi`) may post them here. ' +
      'The answer is always `202 {received: n}`, given before any string is looked at: it says nothing about them. Within seconds, each genuine, ' +
      'active credential of either environment is revoked with reason `leaked`, and its organization is told (`credential.leak_reported`). ' +
      'Throttled per client address (`429 RATE_LIMITED`).',
  })
  @ApiAcceptedResponse({ schema: { type: 'object', properties: { received: { type: 'integer' } } } })
  @ApiProblems(COMMON_PROBLEMS.validation)
  async report(@Body() body: ReportLeakedCredentialsDto, @Ctx() context: RequestContext): Promise<{ received: number }> {
    if (body.credentials.reduce((sum, text) => sum + text.length, 0) > MAX_REPORT_CHARACTERS) {
      const message = `credentials must hold at most ${MAX_REPORT_CHARACTERS} characters in all`;
      throw new DomainError('validation', 'VALIDATION_FAILED', message, { errors: [{ field: 'credentials', message }] });
    }
    const address = context.address ?? 'unknown';
    await this.throttle.admit(address);
    this.revoker.submit(body.credentials, address);
    return { received: body.credentials.length };
  }
}
