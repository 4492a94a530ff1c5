import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { ADMIN_PROBLEM, ApiProblems, MEMBERSHIP_PROBLEM, UNAUTHENTICATED_PROBLEM, VALIDATION_PROBLEM } from '../../shared/api-problems';
import { CorrelationId, actorOf } from '../../shared/request-context';
import { CreateInvitationDto, InvitationResponse } from './create-invitation.dto';
import { CreateInvitationCommand } from './create-invitation.handler';

@ApiTags('Organizations')
@ApiBearerAuth('session')
@RequireRole('member')
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
  @ApiProblems(VALIDATION_PROBLEM, UNAUTHENTICATED_PROBLEM, MEMBERSHIP_PROBLEM, ADMIN_PROBLEM, [
    409,
    'ALREADY_A_MEMBER',
    'a member of the organization already has this email',
  ])
  invite(@Member() member: MembershipView, @Body() body: CreateInvitationDto, @CorrelationId() correlationId: string): Promise<InvitationResponse> {
    return this.commands.execute(
      new CreateInvitationCommand(member.organizationId, actorOf(member), body.email, body.role, body.permissions, correlationId),
    );
  }
}
