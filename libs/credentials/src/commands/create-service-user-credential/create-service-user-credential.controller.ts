import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, COMMON_PROBLEMS, Ctx, DomainError, type RequestContext } from '@latchkey/building-blocks';
import { RequireScope } from '@latchkey/identity';
import { GetMembershipQuery, Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CreateCredentialCommand } from '../create-credential/create-credential.command';
import { CreateCredentialDto } from '../create-credential/create-credential.dto';
import { CredentialListReadModel } from '../../read-models/credential-list/credential-list.read-model';
import { CREDENTIAL_PROBLEMS, ETAG_HEADER } from '../../shared/api-docs';
import { CredentialPresenter } from '../../shared/credential.presenter';
import { CreatedCredentialResponse } from '../../shared/credential.response';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireScope('organization:admin')
@Controller('console/v1/organization/members')
export class CreateServiceUserCredentialController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly credentials: CredentialListReadModel,
    private readonly presenter: CredentialPresenter,
  ) {}

  @Post(':userId/credentials')
  @HttpCode(201)
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'Create a JWT credential owned by a service user',
    description:
      'A developer admin creates it; it belongs to the service user, so it keeps working whoever leaves the organization (the admin included). ' +
      'Same body and answer as `POST /console/v1/credentials`: the JWT is shown only here. People create their own (`422 SERVICE_USER_REQUIRED`).',
  })
  @ApiCreatedResponse({
    type: CreatedCredentialResponse,
    headers: { ...ETAG_HEADER, Location: { description: 'The credential’s URL', schema: { type: 'string' } } },
  })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    COMMON_PROBLEMS.admin,
    [404, 'MEMBER_NOT_FOUND', 'no active member with this user id in the caller’s organization'],
    [409, 'SANDBOX_ACCOUNT_REQUIRED', 'a sandbox credential, but the service user has no sandbox account yet'],
    [422, 'SERVICE_USER_REQUIRED', 'the member is a person'],
    CREDENTIAL_PROBLEMS.appNotFound,
  )
  async create(
    @Member() admin: MembershipView,
    @Param('userId') userId: string,
    @Body() body: CreateCredentialDto,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedCredentialResponse> {
    const owner = await this.queries.execute(new GetMembershipQuery(userId));
    if (!owner || owner.organizationId !== admin.organizationId || owner.status !== 'active') {
      throw new DomainError('not-found', 'MEMBER_NOT_FOUND', 'No such member of your organization');
    }
    const { credentialId, jwt } = await this.commands.execute(new CreateCredentialCommand(admin, body, context, owner));
    const credential = await this.presenter.answer(this.credentials.byId(credentialId)!, reply);
    reply.header('location', `/console/v1/credentials/${credentialId}`).header('cache-control', 'no-store');
    return { credential, jwt };
  }
}
