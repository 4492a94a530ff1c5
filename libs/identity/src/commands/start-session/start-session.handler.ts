import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { Clock } from '@latchkey/building-blocks';
import { type StartedSession, StartSessionCommand } from '../../contracts';
import { streams } from '../../shared/streams';
import { UserReadModel } from '../../read-models/users/user.read-model';
import { sessionDecider } from '../../domain/session/session.decider';
import { hashSessionToken, newSessionToken, SESSION_LIFETIME_MS } from '../../shared/session-token';

/** Issues a session token (shown once) and records only its hash. */
@CommandHandler(StartSessionCommand)
export class StartSessionHandler implements ICommandHandler<StartSessionCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly users: UserReadModel,
    private readonly clock: Clock,
  ) {}

  async execute(command: StartSessionCommand): Promise<StartedSession> {
    const token = newSessionToken();
    const sessionId = randomUUID();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
    await this.executor.execute(
      sessionDecider,
      streams.session(sessionId),
      {
        type: 'StartSession',
        sessionId,
        userId: command.userId,
        userStatus: this.users.findById(command.userId)?.status ?? null,
        tokenHash: hashSessionToken(token),
        startedAt: now.toISOString(),
        expiresAt,
      },
      { metadata: eventMetadata(command.context) },
    );
    return { token, sessionId, expiresAt };
  }
}
