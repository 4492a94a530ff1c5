import type { EventStore, Subscription } from '@latchkey/event-store';
import { subscribeResubscribing } from '@latchkey/event-store';
import { KEY_RING_STREAM } from '../contracts/keys.contracts';
import type { MasterKey } from '../contracts/master-key';
import { KeyRingRepository } from '../commands/key-ring-repository';
import { openKeyRing } from '../shared/key-material/open-keys';
import type { KeyRing } from './key-ring';

export interface KeyRingFollowerLog {
  log(message: string): void;
  error(message: string, error?: unknown): void;
}

/**
 * Keeps the served key ring in step with its stream: a subscription to the global log (which, on the
 * embedded store, notices appends made by other processes) reloads the ring whenever one of its
 * events arrives. A change this instance cannot open (keys sealed under a master key it does not
 * have) is logged and the ring in use is kept whole.
 */
export class KeyRingFollower {
  private subscription: Subscription | null = null;
  private position: number | null;
  private revision: number | null;
  private readonly repository: KeyRingRepository;

  constructor(
    private readonly store: EventStore,
    private readonly master: MasterKey,
    readonly served: KeyRing,
    from: { after: number | null; revision: number | null },
    private readonly logger: KeyRingFollowerLog,
  ) {
    this.position = from.after;
    this.revision = from.revision;
    this.repository = new KeyRingRepository(store, 'server');
  }

  /** The master key this instance opens the ring with (for keys derived from it). */
  get masterKey(): MasterKey {
    return this.master;
  }

  start(): void {
    this.subscription ??= subscribeResubscribing(this.store, {
      position: () => this.position,
      onEvent: async (event) => {
        if (event.streamName === KEY_RING_STREAM && (this.revision === null || event.revision > this.revision)) await this.reload();
        this.position = event.position;
      },
      onCaughtUp: () => undefined,
      onDropped: (error, delayMs) => {
        this.logger.error(`Key ring subscription dropped; resubscribing in ${delayMs} ms`, error);
        return true;
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = null;
  }

  private async reload(): Promise<void> {
    const loaded = await this.repository.load();
    try {
      this.served.install(openKeyRing(loaded.state, this.master, this.served.openedKeys()));
      this.revision = loaded.revision;
      const verifying = this.served.list().filter((k) => k.status !== 'retired').length;
      this.logger.log(`Key ring reloaded at revision ${loaded.revision}: ${verifying} key(s) verify`);
    } catch (error) {
      this.revision = loaded.revision;
      this.logger.error(
        `Key ring revision ${loaded.revision} cannot be opened here; keeping the keys in use. Restart with the current master key`,
        error,
      );
    }
  }
}
