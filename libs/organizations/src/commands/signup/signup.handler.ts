import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@latchkey/building-blocks';
import { RegisterUserCommand, StartSessionCommand } from '@latchkey/identity';
import type { OrganizationOnboarding } from '../../shared/onboarding';
import { OnboardingSteps } from '../../shared/onboarding-steps';
import { RegistrationGate } from '../../shared/registration-gate';
import { SignupCommand } from './signup.command';
import type { SignupResponse } from './signup.dto';

/**
 * Registers the user (identity), creates their organization with them as its first developer_admin,
 * and starts their first session. Registration comes first so that a taken email or a weak password
 * leaves nothing behind; the organization to create is kept with the registration, so that it is
 * created even if the process stops between the two steps. Whether the sign-up may happen at all
 * (`SIGNUP`, the setup token, the per-address throttle) is the `RegistrationGate`'s to say first.
 */
@CommandHandler(SignupCommand)
export class SignupHandler implements ICommandHandler<SignupCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly onboarding: OnboardingSteps,
    private readonly gate: RegistrationGate,
  ) {}

  execute(command: SignupCommand): Promise<SignupResponse> {
    return this.gate.signup(command.setupToken, command.context, () => this.signup(command));
  }

  private async signup(command: SignupCommand): Promise<SignupResponse> {
    const onboarding: OrganizationOnboarding = {
      kind: 'found-organization',
      organizationId: randomUUID(),
      organizationName: command.organizationName,
    };
    const user = await this.commands.execute(new RegisterUserCommand(command.email, command.password, command.name, command.context, onboarding));
    const context: RequestContext = { ...command.context, actor: { userId: user.userId, email: user.email } };
    const organization = await this.onboarding.finish(user, onboarding, context);

    const session = await this.commands.execute(new StartSessionCommand(user.userId, context));
    return {
      user: { id: user.userId, email: user.email, name: user.name },
      organization: { id: onboarding.organizationId, name: organization.name },
      session: { token: session.token, expiresAt: session.expiresAt },
    };
  }
}
