import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { MEMBER_NOT_FOUND } from '../../shared/member-problems';
import { IssueMemberPasswordResetCommand } from './issue-member-password-reset.command';
import { RequireScope } from '@latchkey/identity';

export class PasswordResetResponse {
  @ApiProperty({ description: 'One-time reset token, shown only here. The console’s link carries it after `#`: `/reset-password#<token>`' })
  token!: string;
  @ApiProperty({ format: 'date-time', description: '24 hours from now' })
  expiresAt!: string;
}

@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireScope('organization:admin')
@Controller('console/v1/organization/members')
export class IssueMemberPasswordResetController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':userId/password-reset')
  @HttpCode(201)
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'Issue a password reset for a member',
    description:
      'A one-time token (valid 24 hours) the member sets a new password with (`POST /console/v1/password-resets`); a newer one replaces it. ' +
      'Their two-factor sign-in stays on.',
  })
  @ApiCreatedResponse({ type: PasswordResetResponse })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin, MEMBER_NOT_FOUND)
  issue(@Member() member: MembershipView, @Param('userId') userId: string, @Ctx() context: RequestContext): Promise<PasswordResetResponse> {
    return this.commands.execute(new IssueMemberPasswordResetCommand(member.organizationId, userId, context));
  }
}
