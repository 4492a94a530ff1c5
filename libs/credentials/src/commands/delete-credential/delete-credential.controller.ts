import { Controller, Delete, Headers, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CREDENTIAL_PROBLEMS, IF_MATCH_HEADER } from '../../shared/api-docs';
import { parseIfMatch } from '../../shared/if-match';
import { DeleteCredentialCommand } from './delete-credential.command';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@RequireScope('credentials:write')
@Controller('console/v1/credentials')
export class DeleteCredentialController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a credential',
    description:
      'Active, revoked and expired credentials can be deleted. The token endpoint refuses it from the moment this answers, it is gone from every list and `GET` answers 404; ' +
      'its history stays reachable for its owner and the organization’s developer admins at `GET /console/v1/credentials/{id}/history` and in the audit log.',
  })
  @IF_MATCH_HEADER
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(
    CREDENTIAL_PROBLEMS.ifMatch,
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    CREDENTIAL_PROBLEMS.notFound,
    CREDENTIAL_PROBLEMS.stale,
  )
  async delete(
    @Member() member: MembershipView,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Ctx() context: RequestContext,
  ): Promise<void> {
    const expectedRevision = parseIfMatch(ifMatch);
    await this.commands.execute(new DeleteCredentialCommand(member, id, expectedRevision, context));
  }
}
