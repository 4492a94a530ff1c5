import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { CreateSandboxAccountCommand, RequireScope } from '@latchkey/identity';
import { isServiceUser, type MembershipView, serviceUserRequired } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';
import { activeMember } from '../../shared/active-member';
import { MEMBER_NOT_FOUND } from '../../shared/member-problems';

export class MemberSandboxAccountResponse {
  @ApiProperty({ enum: ['sandbox'] }) environment!: 'sandbox';
  @ApiProperty({ example: '402301234567890', description: 'The service user’s id in the sandbox environment' }) userId!: string;
}

@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireScope('organization:admin')
@Controller('console/v1/organization/members')
export class CreateMemberSandboxAccountController {
  constructor(
    private readonly commands: CommandBus,
    private readonly members: MemberListReadModel,
  ) {}

  @Post(':userId/sandbox-account')
  @HttpCode(201)
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'Create a service user’s sandbox account',
    description: 'Gives a service user a user id in the sandbox environment, once. People create their own (`POST /console/v1/me/sandbox-account`).',
  })
  @ApiCreatedResponse({ type: MemberSandboxAccountResponse })
  @ApiProblems(
    COMMON_PROBLEMS.unauthenticated,
    COMMON_PROBLEMS.membership,
    COMMON_PROBLEMS.admin,
    MEMBER_NOT_FOUND,
    [409, 'SANDBOX_ACCOUNT_EXISTS', 'the service user already has one'],
    [422, 'SERVICE_USER_REQUIRED', 'the member is a person'],
  )
  async create(
    @Member() admin: MembershipView,
    @Param('userId') userId: string,
    @Ctx() context: RequestContext,
  ): Promise<MemberSandboxAccountResponse> {
    const member = activeMember(this.members, admin.organizationId, userId);
    if (!isServiceUser(member)) throw serviceUserRequired('sandbox accounts');
    return this.commands.execute(new CreateSandboxAccountCommand(member.userId, context));
  }
}
