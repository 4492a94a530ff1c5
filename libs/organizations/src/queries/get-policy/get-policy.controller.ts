import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, COMMON_PROBLEMS } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { PolicyReadModel } from '../../read-models/policy/policy.read-model';
import { etagOf } from '../../shared/if-match';
import { PolicyResponse } from '../../shared/policy.response';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Organization policy')
@ApiBearerAuth('session')
@Controller('console/v1/organization/policy')
export class GetPolicyController {
  constructor(private readonly policies: PolicyReadModel) {}

  @Get()
  @RequireRole('member')
  @RequireScope('organization:admin')
  @ApiOperation({ summary: 'The organization’s credential policy (the defaults, revision 0, until an admin changes it)' })
  @ApiOkResponse({ type: PolicyResponse })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership)
  policy(@Member() member: MembershipView, @Res({ passthrough: true }) reply: FastifyReply): PolicyResponse {
    const view = this.policies.of(member.organizationId);
    reply.header('etag', etagOf(view.revision));
    return view;
  }
}
