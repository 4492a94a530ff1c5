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
import { AllowAppCommand } from './allow-app.command';
import { AllowAppDto } from './allow-app.dto';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@RequireScope('credentials:write')
@Controller('console/v1/credentials/:id/allowed-apps')
export class AllowAppController {
  constructor(
    private readonly commands: CommandBus,
    private readonly presenter: CredentialPresenter,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Allow an app to use the credential',
    description:
      'The credential’s allowed apps become (or stay) a specific list that includes this client id; a credential that allowed the apps of its organization is restricted to this one app. ' +
      'Allowing an app that is already allowed changes nothing. ' +
      'Under the organization policy `thirdPartyApps: "approval"`, an app of another organization is added as `pending_approval` with a credential request (`justification` required), unusable until a developer_admin approves it; a developer_admin’s own request is approved at once.',
  })
  @IF_MATCH_HEADER
  @ApiOkResponse({ type: CredentialResponse, headers: ETAG_HEADER })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    CREDENTIAL_PROBLEMS.ifMatch,
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    CREDENTIAL_PROBLEMS.notFound,
    CREDENTIAL_PROBLEMS.developerAccess,
    CREDENTIAL_PROBLEMS.notActive,
    [409, 'ALLOWED_APPS_LIMIT_REACHED', 'the list already holds the maximum number of apps'],
    CREDENTIAL_PROBLEMS.stale,
    CREDENTIAL_PROBLEMS.appNotFound,
  )
  async allow(
    @Member() member: MembershipView,
    @Param('id') id: string,
    @Body() body: AllowAppDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CredentialResponse> {
    const expectedRevision = parseIfMatch(ifMatch);
    return this.presenter.answer(
      await this.commands.execute(new AllowAppCommand(member, id, body.clientId, body.justification, expectedRevision, context)),
      reply,
    );
  }
}
