import { Body, Controller, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ConsolePrincipal, Principal } from '@latchkey/identity';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { REASON_MAX_LENGTH } from '../credential/credential.rules';
import { ApiProblems, ETAG_HEADER, IF_MATCH_HEADER, P } from '../shared/api-docs';
import { CredentialResponse } from '../shared/credential.response';
import { CredentialPresenter } from '../shared/credential.view';
import { parseIfMatch } from '../shared/if-match';
import { requestMetadata } from '../shared/request-metadata';
import { RevokeCredentialCommand } from './revoke-credential.command';

class RevokeCredentialDto {
  @ApiPropertyOptional({
    description: `Why (up to ${REASON_MAX_LENGTH} characters, no control characters); kept in the history`,
    example: 'Leaked in a build log',
  })
  @IsOptional()
  @IsString({ message: 'reason must be a string' })
  reason?: string;
}

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@Controller('console/v1/credentials')
export class RevokeCredentialController {
  constructor(
    private readonly commands: CommandBus,
    private readonly presenter: CredentialPresenter,
  ) {}

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a credential',
    description:
      'From the moment this answers, the token endpoint refuses the credential. A revoked credential stays in the lists (status `revoked`) until it is deleted.',
  })
  @IF_MATCH_HEADER
  @ApiOkResponse({ type: CredentialResponse, headers: ETAG_HEADER })
  @ApiProblems(P.validation, P.ifMatch, P.unauthenticated, P.membership, P.notFound, P.notActive, P.stale)
  async revoke(
    @Principal() principal: ConsolePrincipal,
    @Member() member: MembershipView,
    @Param('id') id: string,
    @Body() body: RevokeCredentialDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CredentialResponse> {
    const expectedRevision = parseIfMatch(ifMatch);
    return this.presenter.answer(
      await this.commands.execute(
        new RevokeCredentialCommand(member, id, body.reason ?? null, expectedRevision, requestMetadata(request, principal)),
      ),
      reply,
    );
  }
}
