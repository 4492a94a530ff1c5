import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { Clock } from '@latchkey/building-blocks';
import { streams } from '../../shared/streams';
import { sessionDecider } from '../../domain/session/session.decider';
import { EndSessionCommand } from './end-session.command';

@CommandHandler(EndSessionCommand)
export class EndSessionHandler implements ICommandHandler<EndSessionCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
  ) {}

  async execute(command: EndSessionCommand): Promise<void> {
    await this.executor.execute(
      sessionDecider,
      streams.session(command.sessionId),
      { type: 'EndSession', reason: command.reason, endedAt: this.clock.now().toISOString() },
      { metadata: eventMetadata(command.context) },
    );
  }
}
