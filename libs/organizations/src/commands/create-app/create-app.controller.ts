import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { ApiProblems, DEVELOPER_PROBLEM, MEMBERSHIP_PROBLEM, UNAUTHENTICATED_PROBLEM, VALIDATION_PROBLEM } from '../../shared/api-problems';
import { CorrelationId, actorOf } from '../../shared/request-context';
import { CreatedAppResponse } from '../../queries/list-apps/list-apps.response';
import { CreateAppDto } from './create-app.dto';
import { CreateAppCommand } from './create-app.handler';

@ApiTags('Apps')
@ApiBearerAuth('session')
@RequireRole('member')
@Controller('console/v1/apps')
export class CreateAppController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @RequireRole('developer')
  @ApiOperation({
    summary: 'Create an app',
    description: 'One client per environment. The client secrets are shown only in this answer (and at rotation); only their SHA-256 is kept.',
  })
  @ApiCreatedResponse({ type: CreatedAppResponse })
  @ApiProblems(VALIDATION_PROBLEM, UNAUTHENTICATED_PROBLEM, MEMBERSHIP_PROBLEM, DEVELOPER_PROBLEM)
  create(@Member() member: MembershipView, @Body() body: CreateAppDto, @CorrelationId() correlationId: string): Promise<CreatedAppResponse> {
    const app = { name: body.name, scopes: body.scopes, grantTypes: body.grantTypes, environments: body.environments };
    return this.commands.execute(new CreateAppCommand(member.organizationId, actorOf(member), app, correlationId));
  }
}
