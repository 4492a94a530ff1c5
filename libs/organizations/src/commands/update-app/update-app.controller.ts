import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { appActorOf } from '../../shared/app-actor';
import { AppResponse } from '../../shared/app.response';
import { UpdateAppCommand } from './update-app.command';
import { UpdateAppDto } from './update-app.dto';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Apps')
@ApiBearerAuth('session')
@RequireScope('apps:write')
@Controller('console/v1/apps')
export class UpdateAppController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':appId')
  @RequireRole('developer')
  @ApiOperation({
    summary: 'Rename an app, or change its scopes or grant types',
    description:
      'For the app’s creator and developer_admins (an app made before creators were recorded: developer_admins only); anyone else, ' +
      'and any other organization, gets 404 as for an app that does not exist. Fields left out stay as they are. ' +
      'When this answers, the token endpoint already uses the new scopes and grant types: narrowing them applies to new tokens at once ' +
      '(tokens issued before keep what they were granted until they expire). Apps carry no `revision`: the last change wins.',
  })
  @ApiParam({ name: 'appId', format: 'uuid' })
  @ApiOkResponse({ type: AppResponse })
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.developer, [
    404,
    'APP_NOT_FOUND',
    'no such app in your organization, or you are neither its creator nor a developer_admin',
  ])
  update(
    @Member() member: MembershipView,
    @Param('appId') appId: string,
    @Body() body: UpdateAppDto,
    @Ctx() context: RequestContext,
  ): Promise<AppResponse> {
    const change = { name: body.name, scopes: body.scopes, grantTypes: body.grantTypes };
    return this.commands.execute(new UpdateAppCommand(member.organizationId, appActorOf(member), appId, change, context));
  }
}
