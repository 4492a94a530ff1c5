import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { RequireScope, RevokeApiTokenCommand } from '@latchkey/identity';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';

@ApiTags('API tokens')
@ApiBearerAuth('session')
@Controller('console/v1/organization/api-tokens')
export class RevokeOrganizationApiTokenController {
  constructor(
    private readonly commands: CommandBus,
    private readonly members: MemberListReadModel,
  ) {}

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('developer_admin')
  @RequireScope('organization:admin')
  @ApiOperation({ summary: 'Revoke a member’s API token', description: 'It stops working when this answers.' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin, [
    404,
    'API_TOKEN_NOT_FOUND',
    'no such token of a member of the organization',
  ])
  async revoke(@Member() admin: MembershipView, @Param('id') id: string, @Ctx() context: RequestContext): Promise<void> {
    const ownerIds = this.members.allMembers(admin.organizationId).map((m) => m.userId);
    await this.commands.execute(new RevokeApiTokenCommand(id, ownerIds, context));
  }
}
