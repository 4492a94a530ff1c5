import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { OrganizationResponse } from '../../commands/signup/signup.dto';
import { ApiProblems, MEMBERSHIP_PROBLEM, UNAUTHENTICATED_PROBLEM } from '../../shared/api-problems';

@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireRole('member')
@Controller('console/v1/organization')
export class OrganizationController {
  @Get()
  @ApiOperation({ summary: 'The caller’s organization' })
  @ApiOkResponse({ type: OrganizationResponse })
  @ApiProblems(UNAUTHENTICATED_PROBLEM, MEMBERSHIP_PROBLEM)
  organization(@Member() member: MembershipView): OrganizationResponse {
    return { id: member.organizationId, name: member.organizationName };
  }
}
