import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CredentialPresenter } from '../../shared/credential.presenter';
import { CredentialPage } from '../../shared/credential.response';
import { RevokePolicyViolationsCommand } from './revoke-policy-violations.command';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Organization policy')
@ApiBearerAuth('session')
@Controller('console/v1/organization/policy/violations')
export class RevokePolicyViolationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly presenter: CredentialPresenter,
  ) {}

  @Post('revoke')
  @HttpCode(200)
  @RequireRole('developer_admin')
  @RequireScope('organization:admin')
  @ApiOperation({
    summary: 'Revoke every credential that breaks the policy',
    description:
      'Revokes, with `revocationReason: "policy"`, each credential `GET …/policy/violations` lists at this moment, and answers the credentials it revoked. Each revocation is audited (`credential.revoked`), with the admin as actor.',
  })
  @ApiOkResponse({ type: CredentialPage })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  async revoke(@Member() admin: MembershipView, @Ctx() context: RequestContext): Promise<CredentialPage> {
    const revoked = await this.commands.execute(new RevokePolicyViolationsCommand(admin, context));
    return { items: await this.presenter.many(revoked), nextCursor: null };
  }
}
