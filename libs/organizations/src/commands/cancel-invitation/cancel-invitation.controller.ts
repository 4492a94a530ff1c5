import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { CancelInvitationCommand } from './cancel-invitation.command';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireScope('organization:admin')
@Controller('console/v1/organization/invitations')
export class CancelInvitationController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'Cancel an invitation',
    description:
      'Its token is dead when this answers: accepting it is answered 404, as an unknown token is. Cancelling a cancelled invitation ' +
      'answers 204 again. Invitations are also cancelled on their own when their inviter is removed or stops being a developer_admin.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The invitation’s `id`' })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiProblems(
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    COMMON_PROBLEMS.admin,
    [404, 'INVITATION_NOT_FOUND', 'no such invitation in your organization'],
    [409, 'INVITATION_ALREADY_ACCEPTED', 'the invitation has been accepted; remove the member instead'],
  )
  async cancel(@Member() member: MembershipView, @Param('id') id: string, @Ctx() context: RequestContext): Promise<void> {
    await this.commands.execute(new CancelInvitationCommand(member.organizationId, id, context));
  }
}
