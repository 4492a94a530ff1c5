import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { RequireScope } from '@latchkey/identity';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CREDENTIAL_REQUEST_PROBLEMS } from '../../shared/api-docs';
import { CredentialRequestResponse, toCredentialRequestView } from '../../shared/credential-request.view';
import { DenyCredentialRequestCommand } from './deny-credential-request.command';
import { DenyCredentialRequestDto } from './deny-credential-request.dto';

@ApiTags('Third-party approval')
@ApiBearerAuth('session')
@Controller('console/v1/organization/credential-requests')
export class DenyCredentialRequestController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/deny')
  @HttpCode(200)
  @RequireRole('developer_admin')
  @RequireScope('organization:admin')
  @ApiOperation({
    summary: 'Deny a credential request',
    description:
      'The app is removed from the credential; a pending credential whose only app this was is revoked (`revocationReason: "denied"`). Audited (`credential.request.denied`); webhooks get `credential.request.denied`.',
  })
  @ApiOkResponse({ type: CredentialRequestResponse })
  @ApiProblems(
    COMMON_PROBLEMS.validation,
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    COMMON_PROBLEMS.admin,
    CREDENTIAL_REQUEST_PROBLEMS.notFound,
    CREDENTIAL_REQUEST_PROBLEMS.decided,
  )
  async deny(
    @Member() admin: MembershipView,
    @Param('id') id: string,
    @Body() body: DenyCredentialRequestDto,
    @Ctx() context: RequestContext,
  ): Promise<CredentialRequestResponse> {
    return toCredentialRequestView(await this.commands.execute(new DenyCredentialRequestCommand(admin, id, body.reason, context)));
  }
}
