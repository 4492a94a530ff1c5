import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CredentialListReadModel } from '../../read-models/credential-list/credential-list.read-model';
import { CREDENTIAL_PROBLEMS, ETAG_HEADER } from '../../shared/api-docs';
import { CredentialPresenter } from '../../shared/credential.presenter';
import { CreatedCredentialResponse } from '../../shared/credential.response';
import { CreateCredentialCommand } from './create-credential.command';
import { CreateCredentialDto } from './create-credential.dto';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@RequireScope('credentials:write')
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
    COMMON_PROBLEMS.validation,
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    COMMON_PROBLEMS.developer,
    [
      409,
      'SANDBOX_ACCOUNT_REQUIRED',
      'a sandbox credential, but the caller has no sandbox account (create one with POST /console/v1/me/sandbox-account)',
    ],
    CREDENTIAL_PROBLEMS.appNotFound,
  )
  async create(
    @Member() member: MembershipView,
    @Body() body: CreateCredentialDto,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedCredentialResponse> {
    const { credentialId, jwt } = await this.commands.execute(new CreateCredentialCommand(member, body, context));
    const credential = await this.presenter.answer(this.credentials.byId(credentialId)!, reply);
    reply.header('location', `/console/v1/credentials/${credentialId}`).header('cache-control', 'no-store');
    return { credential, jwt };
  }
}
