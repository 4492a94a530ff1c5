import { Body, Controller, Headers, Param, Patch, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ConsolePrincipal, Principal } from '@latchkey/identity';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { ApiProblems, ETAG_HEADER, IF_MATCH_HEADER, P } from '../shared/api-docs';
import { CredentialResponse } from '../shared/credential.response';
import { CredentialPresenter } from '../shared/credential.view';
import { parseIfMatch } from '../shared/if-match';
import { requestMetadata } from '../shared/request-metadata';
import { UpdateCredentialCommand } from './update-credential.command';
import { UpdateCredentialDto } from './update-credential.dto';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
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
  @ApiProblems(P.validation, P.ifMatch, P.unauthenticated, P.membership, P.notFound, P.notActive, P.stale, P.appNotFound, [
    422,
    'EXPIRY_EXTENSION_NOT_ALLOWED',
    'the new expiry is later than the `exp` written into the credential’s JWT',
  ])
  async update(
    @Principal() principal: ConsolePrincipal,
    @Member() member: MembershipView,
    @Param('id') id: string,
    @Body() body: UpdateCredentialDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CredentialResponse> {
    const expectedRevision = parseIfMatch(ifMatch);
    return this.presenter.answer(
      await this.commands.execute(new UpdateCredentialCommand(member, id, body, expectedRevision, requestMetadata(request, principal))),
      reply,
    );
  }
}
