import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, PageQueryDto } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';
import { toMemberResponse } from '../../shared/member.response';
import { MemberPage } from './list-members.response';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireScope('members:read')
@Controller('console/v1/organization/members')
export class ListMembersController {
  constructor(private readonly members: MemberListReadModel) {}

  @Get()
  @RequireRole('member')
  @ApiOperation({ summary: 'The organization’s members, in the order they joined (removed members included, with status `removed`)' })
  @ApiOkResponse({ type: MemberPage })
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership)
  list(@Member() member: MembershipView, @Query() query: PageQueryDto): MemberPage {
    const page = this.members.list(member.organizationId, query.limit, query.cursor);
    return { items: page.items.map(toMemberResponse), nextCursor: page.nextCursor };
  }
}
