import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { CreateInvitationCommand } from './create-invitation.command';
import { CreateInvitationDto, InvitationResponse } from './create-invitation.dto';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireScope('organization:admin')
@Controller('console/v1/organization/invitations')
export class CreateInvitationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'Invite someone to the organization',
    description: 'The answer holds the invitation token, shown only here. It can be accepted once, within seven days.',
  })
  @ApiCreatedResponse({ type: InvitationResponse })
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin, [
    409,
    'ALREADY_A_MEMBER',
    'a member of the organization already has this email',
  ])
  invite(@Member() member: MembershipView, @Body() body: CreateInvitationDto, @Ctx() context: RequestContext): Promise<InvitationResponse> {
    return this.commands.execute(new CreateInvitationCommand(member.organizationId, body.email, body.role, body.permissions, context));
  }
}
