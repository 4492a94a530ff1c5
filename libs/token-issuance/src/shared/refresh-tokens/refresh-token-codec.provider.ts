import type { FactoryProvider } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { join } from 'node:path';
import { EVENT_STORE_OPTIONS, type EventStoreOptions } from '@latchkey/event-store';
import { RefreshTokenCodec } from './refresh-token-codec';
import { loadOrCreateRefreshTokenSecret } from './refresh-token-secret';

/** The refresh-token MAC key lives beside the embedded store (DATA_DIR), or in memory with the memory store. */
export const REFRESH_TOKEN_SECRET_FILE = 'refresh-token.key';

function refreshTokenSecretPath(moduleRef: ModuleRef): string | null {
  let options: EventStoreOptions | undefined;
  try {
    options = moduleRef.get<EventStoreOptions>(EVENT_STORE_OPTIONS, { strict: false });
  } catch {
    options = undefined;
  }
  return options && options.kind !== 'memory' ? join(options.dataDir, REFRESH_TOKEN_SECRET_FILE) : null;
}

export const refreshTokenCodecProvider: FactoryProvider<RefreshTokenCodec> = {
  provide: RefreshTokenCodec,
  inject: [ModuleRef],
  useFactory: (moduleRef: ModuleRef) => new RefreshTokenCodec(loadOrCreateRefreshTokenSecret(refreshTokenSecretPath(moduleRef))),
};
