import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, Ctx, Public, type RequestContext } from '@latchkey/building-blocks';
import { SignupCommand } from './signup.command';
import { SignupDto, SignupResponse } from './signup.dto';

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
  @ApiProblems(COMMON_PROBLEMS.validation, [409, 'EMAIL_TAKEN', 'a user with this email exists'])
  signup(@Body() body: SignupDto, @Ctx() context: RequestContext): Promise<SignupResponse> {
    return this.commands.execute(new SignupCommand(body.email, body.password, body.name, body.organizationName, context));
  }
}
