import { type DynamicModule, Module } from '@nestjs/common';
import { EnvironmentIssuers } from './contracts/issuers';
import { KeyRing } from './key-ring/key-ring';
import { KeyRingWatcher } from './key-ring/key-ring-watcher';

export interface KeysModuleOptions {
  /** The key ring file; null keeps keys in memory only (they change at every start). */
  file: string | null;
  /** The production issuer; sandbox is `${publicUrl}/sandbox`. */
  publicUrl: string;
}

@Module({})
export class KeysModule {
  static forRoot(options: KeysModuleOptions): DynamicModule {
    return {
      module: KeysModule,
      global: true,
      providers: [
        { provide: KeyRing, useFactory: () => new KeyRing(options.file) },
        { provide: EnvironmentIssuers, useValue: new EnvironmentIssuers(options.publicUrl) },
        { provide: KeyRingWatcher, inject: [KeyRing], useFactory: (ring: KeyRing) => new KeyRingWatcher(ring, options.file) },
      ],
      exports: [KeyRing, EnvironmentIssuers],
    };
  }
}
