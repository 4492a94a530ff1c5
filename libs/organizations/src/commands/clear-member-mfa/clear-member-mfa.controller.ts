import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { MEMBER_NOT_FOUND } from '../../shared/member-problems';
import { ClearMemberMfaCommand } from './clear-member-mfa.command';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireScope('organization:admin')
@Controller('console/v1/organization/members')
export class ClearMemberMfaController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':userId/mfa')
  @HttpCode(204)
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'Clear a member’s two-factor sign-in',
    description: 'For a member who lost their device: they sign in with their password alone and may enrol again. Audited. Not for developer admins.',
  })
  @ApiNoContentResponse({ description: 'Cleared (also when it was off)' })
  @ApiProblems(
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    COMMON_PROBLEMS.admin,
    [403, 'DEVELOPER_ADMIN_MFA_PROTECTED', 'the member is a developer_admin (you too): they turn it off themselves'],
    MEMBER_NOT_FOUND,
  )
  async clear(@Member() member: MembershipView, @Param('userId') userId: string, @Ctx() context: RequestContext): Promise<void> {
    await this.commands.execute(new ClearMemberMfaCommand(member.organizationId, userId, context));
  }
}
