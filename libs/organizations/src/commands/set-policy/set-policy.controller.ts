import { Body, Controller, Headers, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { etagOf, parseIfMatch } from '../../shared/if-match';
import { PolicyResponse } from '../../shared/policy.response';
import { SetPolicyCommand } from './set-policy.command';
import { SetPolicyDto } from './set-policy.dto';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Organization policy')
@ApiBearerAuth('session')
@Controller('console/v1/organization/policy')
export class SetPolicyController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @RequireRole('developer_admin')
  @RequireScope('organization:admin')
  @ApiOperation({
    summary: 'Replace the organization’s credential policy',
    description:
      'The body is the whole policy: a missing field is a 400. A stricter policy never changes existing credentials: they are listed by `GET …/policy/violations`. Setting or lowering `inactiveCredentialRevocationDays` never revokes at once: credentials already past the limit get the 7-day notice first.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The policy’s ETag (its revision); 412 when it changed since' })
  @ApiOkResponse({ type: PolicyResponse })
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin, [
    412,
    'REVISION_MISMATCH',
    'the policy changed since the revision in If-Match',
  ])
  async set(
    @Member() member: MembershipView,
    @Body() body: SetPolicyDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PolicyResponse> {
    const expectedRevision = parseIfMatch(ifMatch);
    const policy = {
      maxCredentialLifetimeDays: body.maxCredentialLifetimeDays,
      requireExpiry: body.requireExpiry,
      organizationWideCredentials: { production: body.organizationWideCredentials.production, sandbox: body.organizationWideCredentials.sandbox },
      thirdPartyApps: body.thirdPartyApps,
      inactiveCredentialRevocationDays: body.inactiveCredentialRevocationDays,
      requireMfa: body.requireMfa,
    };
    const view = await this.commands.execute(new SetPolicyCommand(member.organizationId, policy, expectedRevision, context));
    reply.header('etag', etagOf(view.revision));
    return view;
  }
}
