import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CREDENTIAL_PROBLEMS, ETAG_HEADER, IF_MATCH_HEADER } from '../../shared/api-docs';
import { CredentialPresenter } from '../../shared/credential.presenter';
import { CredentialResponse } from '../../shared/credential.response';
import { parseIfMatch } from '../../shared/if-match';
import { RevokeCredentialCommand } from './revoke-credential.command';
import { RevokeCredentialDto } from './revoke-credential.dto';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@RequireScope('credentials:write')
@Controller('console/v1/credentials')
export class RevokeCredentialController {
  constructor(
    private readonly commands: CommandBus,
    private readonly presenter: CredentialPresenter,
  ) {}

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a credential',
    description:
      'From the moment this answers, the token endpoint refuses the credential. A revoked credential stays in the lists (status `revoked`) until it is deleted.',
  })
  @IF_MATCH_HEADER
  @ApiOkResponse({ type: CredentialResponse, headers: ETAG_HEADER })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    CREDENTIAL_PROBLEMS.ifMatch,
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    CREDENTIAL_PROBLEMS.notFound,
    CREDENTIAL_PROBLEMS.notActive,
    CREDENTIAL_PROBLEMS.stale,
  )
  async revoke(
    @Member() member: MembershipView,
    @Param('id') id: string,
    @Body() body: RevokeCredentialDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CredentialResponse> {
    const expectedRevision = parseIfMatch(ifMatch);
    return this.presenter.answer(
      await this.commands.execute(new RevokeCredentialCommand(member, id, body.reason ?? null, expectedRevision, context)),
      reply,
    );
  }
}
