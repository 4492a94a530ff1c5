import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { CreateAppCommand } from './create-app.command';
import { CreateAppDto } from './create-app.dto';
import { CreatedAppResponse } from './create-app.response';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Apps')
@ApiBearerAuth('session')
@RequireScope('apps:write')
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
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.developer)
  create(@Member() member: MembershipView, @Body() body: CreateAppDto, @Ctx() context: RequestContext): Promise<CreatedAppResponse> {
    const app = { name: body.name, scopes: body.scopes, grantTypes: body.grantTypes, environments: body.environments };
    return this.commands.execute(new CreateAppCommand(member.organizationId, app, context));
  }
}
