import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CredentialPresenter } from '../../shared/credential.presenter';
import { PolicyViolations } from '../../shared/policy-violations';
import { PolicyViolationsPage } from './list-policy-violations.response';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Organization policy')
@ApiBearerAuth('session')
@Controller('console/v1/organization/policy/violations')
export class ListPolicyViolationsController {
  constructor(
    private readonly violations: PolicyViolations,
    private readonly presenter: CredentialPresenter,
  ) {}

  @Get()
  @RequireRole('developer_admin')
  @RequireScope('organization:admin')
  @ApiOperation({
    summary: 'The credentials that break the current policy, and why',
    description:
      'A changed policy never alters existing credentials: those that break it (no expiry, too long a lifetime, organization-wide where not allowed, apps of other organizations) are listed here, oldest first, each with the rules it breaks.',
  })
  @ApiOkResponse({ type: PolicyViolationsPage })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  async list(@Member() admin: MembershipView): Promise<PolicyViolationsPage> {
    const found = await this.violations.of(admin.organizationId);
    const views = await this.presenter.many(found.map((v) => v.row));
    return { items: found.map((v, i) => ({ credential: views[i], violations: v.violations })), nextCursor: null };
  }
}
