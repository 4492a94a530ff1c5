import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DeciderExecutor } from '@latchkey/event-store';
import { RegisterUserCommand, StartSessionCommand } from '@latchkey/identity';
import { organizationDecider } from '../organizations/organization.decider';
import { organizationStream } from '../organizations/organization.events';
import { Clock } from '../shared/clock';
import { actorOf, eventMetadata, requestContext } from '../shared/request-context';
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
 * leaves nothing behind.
 */
@CommandHandler(SignupCommand)
export class SignupHandler implements ICommandHandler<SignupCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
  ) {}

  async execute(command: SignupCommand): Promise<SignupResponse> {
    const anonymous = requestContext(null, command.correlationId);
    const user = await this.commands.execute(new RegisterUserCommand(command.email, command.password, command.name, anonymous));
    const context = requestContext(actorOf(user), command.correlationId);

    const organizationId = randomUUID();
    const { state } = await this.executor.execute(
      organizationDecider,
      organizationStream(organizationId),
      {
        type: 'CreateOrganization',
        organizationId,
        name: command.organizationName,
        founder: { userId: user.userId, email: user.email, name: user.name },
        at: this.clock.now().toISOString(),
      },
      { metadata: eventMetadata(context) },
    );

    const session = await this.commands.execute(new StartSessionCommand(user.userId, context));
    return {
      user: { id: user.userId, email: user.email, name: user.name },
      organization: { id: organizationId, name: state.name },
      session: { token: session.token, expiresAt: session.expiresAt },
    };
  }
}
