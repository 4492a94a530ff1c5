import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordCredentialUsageCommand } from '@latchkey/credentials';
import { TOKEN_SETTINGS } from '../token-settings';
import { UsageRecorder } from './usage-recorder';

/** The usage recorder of the application: batches go to the credentials module, flushed every few seconds and at shutdown. */
@Injectable()
export class CredentialUsageRecorder extends UsageRecorder implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(commands: CommandBus) {
    const logger = new Logger('CredentialUsage');
    super(({ usages, refusals }) => commands.execute(new RecordCredentialUsageCommand(usages, refusals)), {
      error: (m, e) => logger.error({ err: e }, m),
    });
  }

  onApplicationBootstrap(): void {
    this.start(TOKEN_SETTINGS.usageFlushIntervalMs);
  }

  /** Runs after the HTTP server has drained and before the event store closes: the last uses are recorded. */
  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
