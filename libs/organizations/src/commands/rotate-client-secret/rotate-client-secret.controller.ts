import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { ApiProblems, DEVELOPER_PROBLEM, MEMBERSHIP_PROBLEM, UNAUTHENTICATED_PROBLEM, VALIDATION_PROBLEM } from '../../shared/api-problems';
import { CorrelationId, actorOf } from '../../shared/request-context';
import { ClientCredentialsResponse } from '../../queries/list-apps/list-apps.response';
import { ClientParams } from './rotate-client-secret.dto';
import { RotateClientSecretCommand } from './rotate-client-secret.handler';

@ApiTags('Apps')
@ApiBearerAuth('session')
@RequireRole('member')
@Controller('console/v1/apps')
export class RotateSecretController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':appId/clients/:environment/secret')
  @HttpCode(201)
  @RequireRole('developer')
  @ApiOperation({
    summary: 'Rotate a client secret',
    description: 'Answers with a new secret, shown only here. The old secret stops working when this answers; the client id stays.',
  })
  @ApiCreatedResponse({ type: ClientCredentialsResponse })
  @ApiProblems(
    [400, 'VALIDATION_FAILED', VALIDATION_PROBLEM[2] + ' — `environment` must be `production` or `sandbox`'],
    UNAUTHENTICATED_PROBLEM,
    MEMBERSHIP_PROBLEM,
    DEVELOPER_PROBLEM,
    [404, 'APP_NOT_FOUND', 'no such app in your organization'],
    [404, 'APP_CLIENT_NOT_FOUND', 'the app has no client in this environment'],
  )
  rotate(
    @Member() member: MembershipView,
    @Param() params: ClientParams,
    @CorrelationId() correlationId: string,
  ): Promise<ClientCredentialsResponse> {
    return this.commands.execute(
      new RotateClientSecretCommand(member.organizationId, actorOf(member), params.appId, params.environment, correlationId),
    );
  }
}
