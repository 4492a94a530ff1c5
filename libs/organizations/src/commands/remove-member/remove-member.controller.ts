import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { LAST_ADMIN, MEMBER_NOT_FOUND } from '../../shared/member-problems';
import { RemoveMemberCommand } from './remove-member.command';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireScope('organization:admin')
@Controller('console/v1/organization/members')
export class RemoveMemberController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':userId')
  @HttpCode(204)
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'Remove a member',
    description:
      'The member is deactivated: when this answers, their sessions have ended; their credentials are revoked and tokens issued on them stop working; ' +
      'every pending invitation they issued is cancelled. ' +
      'Removing the last developer_admin (yourself included) is refused.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin, MEMBER_NOT_FOUND, LAST_ADMIN)
  async remove(@Member() member: MembershipView, @Param('userId') userId: string, @Ctx() context: RequestContext): Promise<void> {
    await this.commands.execute(new RemoveMemberCommand(member.organizationId, userId, context));
  }
}
