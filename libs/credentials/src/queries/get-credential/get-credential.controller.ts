import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, COMMON_PROBLEMS } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CREDENTIAL_PROBLEMS, ETAG_HEADER } from '../../shared/api-docs';
import { CredentialAccess } from '../../shared/credential-access';
import { CredentialPresenter } from '../../shared/credential.presenter';
import { CredentialResponse } from '../../shared/credential.response';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@RequireScope('credentials:read')
@Controller('console/v1/credentials')
export class GetCredentialController {
  constructor(
    private readonly access: CredentialAccess,
    private readonly presenter: CredentialPresenter,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'One credential', description: 'Owner, or a developer admin of the owner’s organization. Never the JWT.' })
  @ApiOkResponse({ type: CredentialResponse, headers: ETAG_HEADER })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, CREDENTIAL_PROBLEMS.notFound)
  async get(@Member() member: MembershipView, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CredentialResponse> {
    return this.presenter.answer(this.access.manageable(id, member), reply);
  }
}
