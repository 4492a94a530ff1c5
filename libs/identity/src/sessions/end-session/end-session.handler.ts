import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DeciderExecutor } from '@latchkey/event-store';
import { eventMetadata } from '../../shared/event-metadata';
import { IdentityClock } from '../../shared/identity-clock';
import { streams } from '../../shared/streams';
import { sessionDecider } from '../session.decider';
import { EndSessionCommand } from './end-session.command';

@CommandHandler(EndSessionCommand)
export class EndSessionHandler implements ICommandHandler<EndSessionCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly clock: IdentityClock,
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
