import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ConsolePrincipal, Principal } from '@latchkey/identity';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { ApiProblems, ETAG_HEADER, P } from '../shared/api-docs';
import { CreatedCredentialResponse } from '../shared/credential.response';
import { CredentialPresenter } from '../shared/credential.view';
import { requestMetadata } from '../shared/request-metadata';
import { CredentialListReadModel } from '../read-models/credential-list.read-model';
import { CreateCredentialCommand } from './create-credential.command';
import { CreateCredentialDto } from './create-credential.dto';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@Controller('console/v1/credentials')
export class CreateCredentialController {
  constructor(
    private readonly commands: CommandBus,
    private readonly credentials: CredentialListReadModel,
    private readonly presenter: CredentialPresenter,
  ) {}

  @Post()
  @HttpCode(201)
  @RequireRole('developer')
  @ApiOperation({
    summary: 'Create a JWT credential for yourself',
    description:
      'The credential belongs to the caller, is bound to one environment, and is restricted to the apps of the caller’s organization or to specific client ids (of any organization). ' +
      'The answer carries the JWT: it is shown only here, never stored, and cannot be retrieved later. The answer is sent with `Cache-Control: no-store`.',
  })
  @ApiCreatedResponse({
    type: CreatedCredentialResponse,
    headers: { ...ETAG_HEADER, Location: { description: 'The credential’s URL', schema: { type: 'string' } } },
  })
  @ApiProblems(
    P.validation,
    P.unauthenticated,
    P.membership,
    P.developer,
    [
      409,
      'SANDBOX_ACCOUNT_REQUIRED',
      'a sandbox credential, but the caller has no sandbox account (create one with POST /console/v1/me/sandbox-account)',
    ],
    P.appNotFound,
  )
  async create(
    @Principal() principal: ConsolePrincipal,
    @Member() member: MembershipView,
    @Body() body: CreateCredentialDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedCredentialResponse> {
    const { credentialId, jwt } = await this.commands.execute(new CreateCredentialCommand(member, body, requestMetadata(request, principal)));
    const credential = await this.presenter.answer(this.credentials.byId(credentialId)!, reply);
    reply.header('location', `/console/v1/credentials/${credentialId}`).header('cache-control', 'no-store');
    return { credential, jwt };
  }
}
