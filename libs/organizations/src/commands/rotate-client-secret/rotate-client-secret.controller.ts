import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { appActorOf } from '../../shared/app-actor';
import { ClientCredentialsResponse } from '../../shared/client-credentials.response';
import { RotateClientSecretCommand } from './rotate-client-secret.command';
import { ClientParams } from './rotate-client-secret.dto';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Apps')
@ApiBearerAuth('session')
@RequireScope('apps:write')
@Controller('console/v1/apps')
export class RotateClientSecretController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':appId/clients/:environment/secret')
  @HttpCode(201)
  @RequireRole('developer')
  @ApiOperation({
    summary: 'Rotate a client secret',
    description:
      'Answers with a new secret, shown only here. The old secret stops working when this answers; the client id stays. ' +
      'For the app’s creator and developer_admins only (an app made before creators were recorded: developer_admins only); ' +
      'anyone else gets 404, as for an app that does not exist.',
  })
  @ApiCreatedResponse({ type: ClientCredentialsResponse })
  @ApiProblems(
    [400, 'VALIDATION_FAILED', COMMON_PROBLEMS.validation[2] + ' — `environment` must be `production` or `sandbox`'],
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    COMMON_PROBLEMS.developer,
    [404, 'APP_NOT_FOUND', 'no such app in your organization, or you are neither its creator nor a developer_admin'],
    [404, 'APP_CLIENT_NOT_FOUND', 'the app has no client in this environment'],
  )
  rotate(@Member() member: MembershipView, @Param() params: ClientParams, @Ctx() context: RequestContext): Promise<ClientCredentialsResponse> {
    return this.commands.execute(new RotateClientSecretCommand(member.organizationId, appActorOf(member), params.appId, params.environment, context));
  }
}
