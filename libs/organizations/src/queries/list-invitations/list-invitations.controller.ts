import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Clock, COMMON_PROBLEMS } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { InvitationListReadModel } from '../../read-models/invitation-list/invitation-list.read-model';
import { ListInvitationsQueryDto } from './list-invitations.dto';
import { InvitationPage } from './list-invitations.response';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireScope('members:read')
@Controller('console/v1/organization/invitations')
export class ListInvitationsController {
  constructor(
    private readonly invitations: InvitationListReadModel,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'The organization’s invitations, newest first',
    description:
      'Every status unless `?status=` names one. An invitation is `pending` until accepted, cancelled or past `expiresAt` (`expired`). ' +
      'Never shows a token: it is shown once, when the invitation is created.',
  })
  @ApiOkResponse({ type: InvitationPage })
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.cursor, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  list(@Member() member: MembershipView, @Query() query: ListInvitationsQueryDto): InvitationPage {
    return this.invitations.list(member.organizationId, this.clock.now(), query.status, query.limit, query.cursor);
  }
}
