import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { RegisterUserCommand, StartSessionCommand } from '@latchkey/identity';
import type { OrganizationOnboarding } from '../../shared/onboarding';
import { OnboardingSteps } from '../../shared/onboarding-steps';
import { actorOf, requestContext } from '../../shared/request-context';
import type { SignupResponse } from './signup.dto';

export class SignupCommand extends Command<SignupResponse> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly name: string,
    readonly organizationName: string,
    readonly correlationId: string,
  ) {
    super();
  }
}

/**
 * Registers the user (identity), creates their organization with them as its first developer_admin,
 * and starts their first session. Registration comes first so that a taken email or a weak password
 * leaves nothing behind; the organization to create is kept with the registration, so that it is
 * created even if the process stops between the two steps.
 */
@CommandHandler(SignupCommand)
export class SignupHandler implements ICommandHandler<SignupCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly onboarding: OnboardingSteps,
  ) {}

  async execute(command: SignupCommand): Promise<SignupResponse> {
    const anonymous = requestContext(null, command.correlationId);
    const onboarding: OrganizationOnboarding = {
      kind: 'found-organization',
      organizationId: randomUUID(),
      organizationName: command.organizationName,
    };
    const user = await this.commands.execute(new RegisterUserCommand(command.email, command.password, command.name, anonymous, onboarding));
    const context = requestContext(actorOf(user), command.correlationId);
    const organization = await this.onboarding.finish(user, onboarding, context);

    const session = await this.commands.execute(new StartSessionCommand(user.userId, context));
    return {
      user: { id: user.userId, email: user.email, name: user.name },
      organization: { id: onboarding.organizationId, name: organization.name },
      session: { token: session.token, expiresAt: session.expiresAt },
    };
  }
}
