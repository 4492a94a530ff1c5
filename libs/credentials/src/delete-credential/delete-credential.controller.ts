import { Controller, Delete, Headers, HttpCode, Param, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type ConsolePrincipal, Principal } from '@latchkey/identity';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { ApiProblems, IF_MATCH_HEADER, P } from '../shared/api-docs';
import { parseIfMatch } from '../shared/if-match';
import { requestMetadata } from '../shared/request-metadata';
import { DeleteCredentialCommand } from './delete-credential.command';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
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
  @ApiProblems(P.ifMatch, P.unauthenticated, P.membership, P.notFound, P.stale)
  async delete(
    @Principal() principal: ConsolePrincipal,
    @Member() member: MembershipView,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    const expectedRevision = parseIfMatch(ifMatch);
    await this.commands.execute(new DeleteCredentialCommand(member, id, expectedRevision, requestMetadata(request, principal)));
  }
}
