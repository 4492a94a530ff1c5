import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import {
  ADMIN_PROBLEM,
  ApiProblems,
  MEMBERSHIP_PROBLEM,
  type ProblemDoc,
  UNAUTHENTICATED_PROBLEM,
  VALIDATION_PROBLEM,
} from '../../shared/api-problems';
import { PageQueryDto } from '@latchkey/building-blocks';
import { CorrelationId, actorOf } from '../../shared/request-context';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';
import { MemberPage, MemberResponse, toMemberResponse } from '../../shared/member.response';
import { RemoveMemberCommand } from '../../commands/remove-member/remove-member.handler';
import { UpdateMemberDto } from '../../commands/update-member/update-member.dto';
import { UpdateMemberCommand } from '../../commands/update-member/update-member.handler';

const MEMBER_NOT_FOUND: ProblemDoc = [404, 'MEMBER_NOT_FOUND', 'no active member with this user id in your organization'];
const LAST_ADMIN: ProblemDoc = [409, 'LAST_DEVELOPER_ADMIN', 'the organization would be left without an active developer_admin'];

@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireRole('member')
@Controller('console/v1/organization/members')
export class MembersController {
  constructor(
    private readonly members: MemberListReadModel,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The organization’s members, in the order they joined (removed members included, with status `removed`)' })
  @ApiOkResponse({ type: MemberPage })
  @ApiProblems(VALIDATION_PROBLEM, UNAUTHENTICATED_PROBLEM, MEMBERSHIP_PROBLEM)
  list(@Member() member: MembershipView, @Query() query: PageQueryDto): MemberPage {
    const page = this.members.list(member.organizationId, query.limit, query.cursor);
    return { items: page.items.map(toMemberResponse), nextCursor: page.nextCursor };
  }

  @Patch(':userId')
  @RequireRole('developer_admin')
  @ApiOperation({ summary: 'Change a member’s role and/or platform permissions' })
  @ApiOkResponse({ type: MemberResponse })
  @ApiProblems(VALIDATION_PROBLEM, UNAUTHENTICATED_PROBLEM, MEMBERSHIP_PROBLEM, ADMIN_PROBLEM, MEMBER_NOT_FOUND, LAST_ADMIN)
  async update(
    @Member() member: MembershipView,
    @Param('userId') userId: string,
    @Body() body: UpdateMemberDto,
    @CorrelationId() correlationId: string,
  ): Promise<MemberResponse> {
    const updated = await this.commands.execute(
      new UpdateMemberCommand(member.organizationId, actorOf(member), userId, { role: body.role, permissions: body.permissions }, correlationId),
    );
    return toMemberResponse(updated);
  }

  @Delete(':userId')
  @HttpCode(204)
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'Remove a member',
    description:
      'The member is deactivated: when this answers, their sessions have ended; their credentials are revoked and tokens issued on them stop working. ' +
      'Removing the last developer_admin (yourself included) is refused.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(UNAUTHENTICATED_PROBLEM, MEMBERSHIP_PROBLEM, ADMIN_PROBLEM, MEMBER_NOT_FOUND, LAST_ADMIN)
  async remove(@Member() member: MembershipView, @Param('userId') userId: string, @CorrelationId() correlationId: string): Promise<void> {
    await this.commands.execute(new RemoveMemberCommand(member.organizationId, actorOf(member), userId, correlationId));
  }
}
