import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { OrganizationResponse } from '../../shared/organization.response';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireScope('members:read')
@Controller('console/v1/organization')
export class GetOrganizationController {
  @Get()
  @RequireRole('member')
  @ApiOperation({ summary: 'The caller’s organization' })
  @ApiOkResponse({ type: OrganizationResponse })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership)
  organization(@Member() member: MembershipView): OrganizationResponse {
    return { id: member.organizationId, name: member.organizationName };
  }
}
