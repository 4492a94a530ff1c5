import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { appActorOf } from '../../shared/app-actor';
import { DeleteAppCommand } from './delete-app.command';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Apps')
@ApiBearerAuth('session')
@RequireScope('apps:write')
@Controller('console/v1/apps')
export class DeleteAppController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':appId')
  @HttpCode(204)
  @RequireRole('developer')
  @ApiOperation({
    summary: 'Delete an app',
    description:
      'For the app’s creator and developer_admins (an app made before creators were recorded: developer_admins only); anyone else, ' +
      'and any other organization, gets 404. When this answers its clients no longer authenticate at the token endpoint ' +
      '(`401 invalid_client`) and the app lookup no longer finds them. Credentials that named its client ids keep them, with no app name.',
  })
  @ApiParam({ name: 'appId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.developer, [
    404,
    'APP_NOT_FOUND',
    'no such app in your organization (or it was deleted), or you are neither its creator nor a developer_admin',
  ])
  async remove(@Member() member: MembershipView, @Param('appId') appId: string, @Ctx() context: RequestContext): Promise<void> {
    await this.commands.execute(new DeleteAppCommand(member.organizationId, appActorOf(member), appId, context));
  }
}
