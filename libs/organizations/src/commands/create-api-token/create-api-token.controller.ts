import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type ProblemDoc, type RequestContext } from '@latchkey/building-blocks';
import { type CreatedApiToken, CreatedApiTokenResponse, SessionOnly } from '@latchkey/identity';
import { isServiceUser, type MembershipView, serviceUserRequired } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';
import { activeMember } from '../../shared/active-member';
import { MEMBER_NOT_FOUND } from '../../shared/member-problems';
import { createApiTokenCommand } from './api-token-creation';
import { CreateApiTokenDto } from './create-api-token.dto';

const TOKEN_PROBLEMS: ProblemDoc[] = [
  COMMON_PROBLEMS.validation,
  COMMON_PROBLEMS.unauthenticated,
  [403, 'SESSION_REQUIRED', 'an API token cannot create API tokens'],
  [422, 'INVALID_CURRENT_PASSWORD', 'the password is missing or wrong'],
  [422, 'MFA_REQUIRED', 'MFA is on and `totp` is missing'],
  [422, 'INVALID_CODE', 'the TOTP code is wrong'],
  [422, 'INVALID_SCOPE', 'a scope above the owner’s role'],
];

const answer = ({ view, token }: CreatedApiToken): CreatedApiTokenResponse => ({
  id: view.id,
  name: view.name,
  scopes: view.scopes,
  createdAt: view.createdAt,
  expiresAt: view.expiresAt,
  lastUsedAt: view.lastUsedAt,
  status: view.status,
  token,
});

@ApiTags('API tokens')
@ApiBearerAuth('session')
@SessionOnly()
@Controller('console/v1')
export class CreateApiTokenController {
  constructor(
    private readonly commands: CommandBus,
    private readonly members: MemberListReadModel,
  ) {}

  @Post('me/api-tokens')
  @HttpCode(201)
  @RequireRole('member')
  @ApiOperation({
    summary: 'Create an API token for scripts and pipelines',
    description:
      'Needs a session and a fresh proof of identity (`password`, and `totp` when MFA is on). The token (`lkc_…`) is shown only in this answer; it is used as `Authorization: Bearer lkc_…` on the console API, within its scopes and its owner’s role.',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenResponse })
  @ApiProblems(...TOKEN_PROBLEMS)
  async createMine(
    @Member() member: MembershipView,
    @Body() body: CreateApiTokenDto,
    @Ctx() context: RequestContext,
  ): Promise<CreatedApiTokenResponse> {
    return answer(await this.commands.execute(createApiTokenCommand(member, member, body, context)));
  }

  @Post('organization/members/:userId/api-tokens')
  @HttpCode(201)
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'Create an API token owned by a service user',
    description: 'A developer admin creates it, with their own fresh proof of identity. People create their own (`422 SERVICE_USER_REQUIRED`).',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenResponse })
  @ApiProblems(...TOKEN_PROBLEMS, COMMON_PROBLEMS.admin, MEMBER_NOT_FOUND, [422, 'SERVICE_USER_REQUIRED', 'the member is a person'])
  async createForServiceUser(
    @Member() admin: MembershipView,
    @Param('userId') userId: string,
    @Body() body: CreateApiTokenDto,
    @Ctx() context: RequestContext,
  ): Promise<CreatedApiTokenResponse> {
    const owner = activeMember(this.members, admin.organizationId, userId);
    if (!isServiceUser(owner)) throw serviceUserRequired('API tokens');
    return answer(await this.commands.execute(createApiTokenCommand(owner, admin, body, context)));
  }
}
