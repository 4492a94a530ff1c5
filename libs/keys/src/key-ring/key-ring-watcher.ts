import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { unwatchFile, watchFile } from 'node:fs';
import { KeyRing } from './key-ring';

const POLL_INTERVAL_MS = 1000;

/**
 * Picks up rotations and retirements made by the operator's command while the server runs: the
 * file is re-read when it changes (polled, as rename-based writes defeat inotify watches) or on
 * SIGHUP.
 */
@Injectable()
export class KeyRingWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('KeyRing');
  private readonly onSignal = () => this.reload('SIGHUP');

  constructor(
    private readonly ring: KeyRing,
    private readonly file: string | null,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.file) return;
    watchFile(this.file, { interval: POLL_INTERVAL_MS, persistent: false }, () => this.reload('file change'));
    process.on('SIGHUP', this.onSignal);
  }

  onApplicationShutdown(): void {
    if (!this.file) return;
    unwatchFile(this.file);
    process.off('SIGHUP', this.onSignal);
  }

  private reload(reason: string): void {
    try {
      this.ring.reload();
      this.logger.log(`Key ring reloaded (${reason}): ${this.ring.list().filter((k) => k.status !== 'retired').length} keys verify`);
    } catch (error) {
      this.logger.error({ err: error }, 'Key ring reload failed; keeping the keys in use');
    }
  }
}
