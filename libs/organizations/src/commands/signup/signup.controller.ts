import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@latchkey/building-blocks';
import { ApiProblems, VALIDATION_PROBLEM } from '../../shared/api-problems';
import { CorrelationId } from '../../shared/request-context';
import { SignupDto, SignupResponse } from './signup.dto';
import { SignupCommand } from './signup.handler';

@ApiTags('Identity')
@Public()
@Controller('console/v1/signup')
export class SignupController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Sign up: create a user and their organization',
    description: 'The new user is the organization’s first member, with role `developer_admin` and every permission. Answers with a session token.',
  })
  @ApiCreatedResponse({ type: SignupResponse })
  @ApiProblems(VALIDATION_PROBLEM, [409, 'EMAIL_TAKEN', 'a user with this email exists'])
  signup(@Body() body: SignupDto, @CorrelationId() correlationId: string): Promise<SignupResponse> {
    return this.commands.execute(new SignupCommand(body.email, body.password, body.name, body.organizationName, correlationId));
  }
}
