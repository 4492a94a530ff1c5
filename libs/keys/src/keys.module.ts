import { type DynamicModule, Module } from '@nestjs/common';
import { KeyRing } from './key-ring/key-ring';

export interface KeysModuleOptions {
  /** The key ring file; null keeps keys in memory only (they change at every start). */
  file: string | null;
}

@Module({})
export class KeysModule {
  static forRoot(options: KeysModuleOptions): DynamicModule {
    return {
      module: KeysModule,
      global: true,
      providers: [{ provide: KeyRing, useFactory: () => new KeyRing(options.file) }],
      exports: [KeyRing],
    };
  }
}
