import { Controller, Delete, Headers, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CREDENTIAL_PROBLEMS, ETAG_HEADER, IF_MATCH_HEADER } from '../../shared/api-docs';
import { CredentialPresenter } from '../../shared/credential.presenter';
import { CredentialResponse } from '../../shared/credential.response';
import { parseIfMatch } from '../../shared/if-match';
import { DisallowAppCommand } from './disallow-app.command';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@RequireScope('credentials:write')
@Controller('console/v1/credentials/:id/allowed-apps')
export class DisallowAppController {
  constructor(
    private readonly commands: CommandBus,
    private readonly presenter: CredentialPresenter,
  ) {}

  @Delete(':clientId')
  @ApiOperation({ summary: 'Stop allowing an app to use the credential', description: 'A specific list never becomes empty.' })
  @IF_MATCH_HEADER
  @ApiOkResponse({ type: CredentialResponse, headers: ETAG_HEADER })
  @ApiProblems(
    CREDENTIAL_PROBLEMS.ifMatch,
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    CREDENTIAL_PROBLEMS.notFound,
    CREDENTIAL_PROBLEMS.developerAccess,
    [404, 'ALLOWED_APP_NOT_FOUND', 'the client id is not in the credential’s list'],
    CREDENTIAL_PROBLEMS.notActive,
    [409, 'LAST_ALLOWED_APP', 'it is the only app in the list: allow another one first, switch to the organization policy, or revoke the credential'],
    [409, 'ALLOWED_APPS_NOT_SPECIFIC', 'the credential allows the apps of its organization and has no list'],
    CREDENTIAL_PROBLEMS.stale,
  )
  async disallow(
    @Member() member: MembershipView,
    @Param('id') id: string,
    @Param('clientId') clientId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CredentialResponse> {
    const expectedRevision = parseIfMatch(ifMatch);
    return this.presenter.answer(await this.commands.execute(new DisallowAppCommand(member, id, clientId, expectedRevision, context)), reply);
  }
}
