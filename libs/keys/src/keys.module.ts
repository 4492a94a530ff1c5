import { type DynamicModule, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@latchkey/event-store';
import { openKeyRingAtStart } from './commands/open-at-start';
import { EnvironmentIssuers } from './contracts/issuers';
import { MasterKey } from './contracts/master-key';
import { KeyRing } from './key-ring/key-ring';
import { KeyRingFollower } from './key-ring/key-ring-follower';
import { MasterKeySealing } from './shared/sealing/derived-key-sealer';
import { loadOrCreateMasterKeyFile, MASTER_KEY_FILE_NAME } from './shared/master-key-file';
import type { LegacyKeyFilePaths } from './shared/legacy-files/legacy-key-files';

export interface KeysModuleOptions {
  /** The production issuer; sandbox is `${publicUrl}/sandbox`. */
  publicUrl: string;
  /** MASTER_KEY or MASTER_KEY_FILE; null: `master.key` in `dataDir` (created on first start), or a key in memory without one. */
  masterKey: MasterKey | null;
  /** The data directory of the embedded store; null with the memory store. */
  dataDir: string | null;
  /** Key files of an earlier version, imported once at start and then removed. */
  legacyFiles: LegacyKeyFilePaths | null;
}

const FOLLOWER = Symbol('KEY_RING_FOLLOWER');
const MASTER = Symbol('MASTER_KEY');

/** Starts following the key ring's stream once the application runs, and stops before the store closes. */
@Injectable()
class KeyRingFollowing implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(FOLLOWER) private readonly follower: KeyRingFollower) {}

  onApplicationBootstrap(): void {
    this.follower.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }
}

@Module({})
export class KeysModule {
  static forRoot(options: KeysModuleOptions): DynamicModule {
    const logger = new Logger('KeyRing');
    return {
      module: KeysModule,
      global: true,
      providers: [
        {
          provide: MASTER,
          useFactory: () =>
            options.masterKey ?? (options.dataDir ? loadOrCreateMasterKeyFile(join(options.dataDir, MASTER_KEY_FILE_NAME)) : MasterKey.generate()),
        },
        {
          provide: FOLLOWER,
          inject: [EVENT_STORE, MASTER],
          useFactory: async (store: EventStore, master: MasterKey) => {
            const opened = await openKeyRingAtStart(store, master, options.legacyFiles, {
              log: (m) => logger.log(m),
              warn: (m) => logger.warn(m),
            });
            const ring = new KeyRing();
            ring.install(opened.ring);
            return new KeyRingFollower(store, master, ring, opened, {
              log: (m) => logger.log(m),
              error: (m, e) => logger.error({ err: e }, m),
            });
          },
        },
        { provide: KeyRing, inject: [FOLLOWER], useFactory: (follower: KeyRingFollower) => follower.served },
        { provide: MasterKeySealing, inject: [FOLLOWER], useFactory: (follower: KeyRingFollower) => new MasterKeySealing(follower.masterKey) },
        KeyRingFollowing,
        { provide: EnvironmentIssuers, useValue: new EnvironmentIssuers(options.publicUrl) },
      ],
      exports: [KeyRing, EnvironmentIssuers, MasterKeySealing],
    };
  }
}
