import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { RequireScope } from '@latchkey/identity';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { MemberResponse, toMemberResponse } from '../../shared/member.response';
import { CreateServiceUserCommand } from './create-service-user.command';
import { CreateServiceUserDto } from './create-service-user.dto';

@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireScope('organization:admin')
@Controller('console/v1/organization/service-users')
export class CreateServiceUserController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'Create a service user',
    description:
      'A member of kind `service`: no password, never signs in (a sign-in attempt is answered as for an unknown address), with a production user id ' +
      '(a sandbox one on request). Admins create its credentials and API tokens; they survive any person’s departure. ' +
      'Its address is internal: `<userId>@service-users.invalid`, never mailed.',
  })
  @ApiCreatedResponse({ type: MemberResponse })
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  async create(@Member() admin: MembershipView, @Body() body: CreateServiceUserDto, @Ctx() context: RequestContext): Promise<MemberResponse> {
    return toMemberResponse(await this.commands.execute(new CreateServiceUserCommand(admin, body.name, body.role, body.permissions, context)));
  }
}
