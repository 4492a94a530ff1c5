import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CredentialListReadModel } from '../read-models/credential-list.read-model';
import { ApiProblems, ETAG_HEADER, P } from '../shared/api-docs';
import { CredentialAccess } from '../shared/credential-access';
import { CredentialPage, CredentialResponse } from '../shared/credential.response';
import { CredentialPresenter } from '../shared/credential.view';
import { PageQueryDto } from '@latchkey/building-blocks';

@ApiTags('Credentials')
@ApiBearerAuth('session')
@RequireRole('member')
@Controller('console/v1/credentials')
export class ListCredentialsController {
  constructor(
    private readonly credentials: CredentialListReadModel,
    private readonly access: CredentialAccess,
    private readonly presenter: CredentialPresenter,
  ) {}

  @Get()
  @RequireRole('developer')
  @ApiOperation({ summary: 'Your own credentials, newest first', description: 'Active, expired and revoked credentials; deleted ones are gone.' })
  @ApiOkResponse({ type: CredentialPage })
  @ApiProblems(P.validation, P.cursor, P.unauthenticated, P.membership, P.developer)
  async list(@Member() member: MembershipView, @Query() query: PageQueryDto): Promise<CredentialPage> {
    const page = this.credentials.listByOwner(member.userId, query);
    return { items: await this.presenter.many(page.items), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One credential', description: 'Owner, or a developer admin of the owner’s organization. Never the JWT.' })
  @ApiOkResponse({ type: CredentialResponse, headers: ETAG_HEADER })
  @ApiProblems(P.unauthenticated, P.membership, P.notFound)
  async get(@Member() member: MembershipView, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CredentialResponse> {
    return this.presenter.answer(this.access.manageable(id, member), reply);
  }
}
