import { Body, Controller, Headers, Param, Patch, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CREDENTIAL_PROBLEMS, ETAG_HEADER, IF_MATCH_HEADER } from '../../shared/api-docs';
import { CredentialPresenter } from '../../shared/credential.presenter';
import { CredentialResponse } from '../../shared/credential.response';
import { parseIfMatch } from '../../shared/if-match';
import { UpdateCredentialCommand } from './update-credential.command';
import { UpdateCredentialDto } from './update-credential.dto';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@RequireScope('credentials:write')
@Controller('console/v1/credentials')
export class UpdateCredentialController {
  constructor(
    private readonly commands: CommandBus,
    private readonly presenter: CredentialPresenter,
  ) {}

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a credential’s label, expiry or allowed apps',
    description:
      'Owner, or a developer admin of the owner’s organization. Only active credentials change. The JWT already issued keeps working (or stops) according to the new settings.',
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
    CREDENTIAL_PROBLEMS.stale,
    CREDENTIAL_PROBLEMS.appNotFound,
    [422, 'EXPIRY_EXTENSION_NOT_ALLOWED', 'the new expiry is later than the `exp` written into the credential’s JWT'],
  )
  async update(
    @Member() member: MembershipView,
    @Param('id') id: string,
    @Body() body: UpdateCredentialDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CredentialResponse> {
    const expectedRevision = parseIfMatch(ifMatch);
    return this.presenter.answer(await this.commands.execute(new UpdateCredentialCommand(member, id, body, expectedRevision, context)), reply);
  }
}
