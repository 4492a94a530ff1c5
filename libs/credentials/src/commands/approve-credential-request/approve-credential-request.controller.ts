import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { RequireScope } from '@latchkey/identity';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CREDENTIAL_REQUEST_PROBLEMS } from '../../shared/api-docs';
import { CredentialRequestResponse, toCredentialRequestView } from '../../shared/credential-request.view';
import { ApproveCredentialRequestCommand } from './approve-credential-request.command';
import { ApproveCredentialRequestDto } from './approve-credential-request.dto';

@ApiTags('Third-party approval')
@ApiBearerAuth('session')
@Controller('console/v1/organization/credential-requests')
export class ApproveCredentialRequestController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/approve')
  @HttpCode(200)
  @RequireRole('developer_admin')
  @RequireScope('organization:admin')
  @ApiOperation({
    summary: 'Approve a credential request',
    description:
      'The app may use the credential at once: its `allowedApps.apps[].status` becomes `active`, and the token endpoint accepts it from the moment this answers. Audited (`credential.request.approved`); webhooks get `credential.request.approved`.',
  })
  @ApiOkResponse({ type: CredentialRequestResponse })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    COMMON_PROBLEMS.admin,
    CREDENTIAL_REQUEST_PROBLEMS.notFound,
    CREDENTIAL_REQUEST_PROBLEMS.decided,
    CREDENTIAL_REQUEST_PROBLEMS.obsolete,
  )
  async approve(
    @Member() admin: MembershipView,
    @Param('id') id: string,
    @Body() body: ApproveCredentialRequestDto,
    @Ctx() context: RequestContext,
  ): Promise<CredentialRequestResponse> {
    return toCredentialRequestView(await this.commands.execute(new ApproveCredentialRequestCommand(admin, id, body.note, context)));
  }
}
