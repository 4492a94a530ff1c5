import { Body, Controller, Delete, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ConsolePrincipal, Principal } from '@latchkey/identity';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { ApiProblems, ETAG_HEADER, IF_MATCH_HEADER, P } from '../shared/api-docs';
import { CredentialResponse } from '../shared/credential.response';
import { CredentialPresenter } from '../shared/credential.view';
import { parseIfMatch } from '../shared/if-match';
import { requestMetadata } from '../shared/request-metadata';
import { AllowAppCommand, DisallowAppCommand } from './allowed-apps.commands';

class AllowAppDto {
  @ApiProperty({ description: 'Client id of an app of the credential’s environment, of any organization (find it with GET /console/v1/apps/lookup)' })
  @IsString({ message: 'clientId must be a string' })
  clientId!: string;
}

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@Controller('console/v1/credentials/:id/allowed-apps')
export class AllowedAppsController {
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
      'Allowing an app that is already allowed changes nothing.',
  })
  @IF_MATCH_HEADER
  @ApiOkResponse({ type: CredentialResponse, headers: ETAG_HEADER })
  @ApiProblems(
    P.validation,
    P.ifMatch,
    P.unauthenticated,
    P.membership,
    P.notFound,
    P.notActive,
    [409, 'ALLOWED_APPS_LIMIT_REACHED', 'the list already holds the maximum number of apps'],
    P.stale,
    P.appNotFound,
  )
  async allow(
    @Principal() principal: ConsolePrincipal,
    @Member() member: MembershipView,
    @Param('id') id: string,
    @Body() body: AllowAppDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CredentialResponse> {
    const expectedRevision = parseIfMatch(ifMatch);
    return this.presenter.answer(
      await this.commands.execute(new AllowAppCommand(member, id, body.clientId, expectedRevision, requestMetadata(request, principal))),
      reply,
    );
  }

  @Delete(':clientId')
  @ApiOperation({ summary: 'Stop allowing an app to use the credential', description: 'A specific list never becomes empty.' })
  @IF_MATCH_HEADER
  @ApiOkResponse({ type: CredentialResponse, headers: ETAG_HEADER })
  @ApiProblems(
    P.ifMatch,
    P.unauthenticated,
    P.membership,
    P.notFound,
    [404, 'ALLOWED_APP_NOT_FOUND', 'the client id is not in the credential’s list'],
    P.notActive,
    [409, 'LAST_ALLOWED_APP', 'it is the only app in the list: allow another one first, switch to the organization policy, or revoke the credential'],
    [409, 'ALLOWED_APPS_NOT_SPECIFIC', 'the credential allows the apps of its organization and has no list'],
    P.stale,
  )
  async disallow(
    @Principal() principal: ConsolePrincipal,
    @Member() member: MembershipView,
    @Param('id') id: string,
    @Param('clientId') clientId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CredentialResponse> {
    const expectedRevision = parseIfMatch(ifMatch);
    return this.presenter.answer(
      await this.commands.execute(new DisallowAppCommand(member, id, clientId, expectedRevision, requestMetadata(request, principal))),
      reply,
    );
  }
}
