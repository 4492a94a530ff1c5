import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { LAST_ADMIN, MEMBER_NOT_FOUND } from '../../shared/member-problems';
import { MemberResponse, toMemberResponse } from '../../shared/member.response';
import { UpdateMemberCommand } from './update-member.command';
import { UpdateMemberDto } from './update-member.dto';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireScope('organization:admin')
@Controller('console/v1/organization/members')
export class UpdateMemberController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':userId')
  @RequireRole('developer_admin')
  @ApiOperation({ summary: 'Change a member’s role and/or platform permissions' })
  @ApiOkResponse({ type: MemberResponse })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    COMMON_PROBLEMS.admin,
    MEMBER_NOT_FOUND,
    LAST_ADMIN,
  )
  async update(
    @Member() member: MembershipView,
    @Param('userId') userId: string,
    @Body() body: UpdateMemberDto,
    @Ctx() context: RequestContext,
  ): Promise<MemberResponse> {
    const change = { role: body.role, permissions: body.permissions };
    return toMemberResponse(await this.commands.execute(new UpdateMemberCommand(member.organizationId, userId, change, context)));
  }
}
