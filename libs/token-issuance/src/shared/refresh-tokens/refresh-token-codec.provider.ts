import type { FactoryProvider } from '@nestjs/common';
import { KeyRing } from '@latchkey/keys';
import { RefreshTokenCodec } from './refresh-token-codec';

/** The MAC keys are the key ring's (`refresh-token-mac`), read at each use: a rotation applies at once. */
export const refreshTokenCodecProvider: FactoryProvider<RefreshTokenCodec> = {
  provide: RefreshTokenCodec,
  inject: [KeyRing],
  useFactory: (ring: KeyRing) => new RefreshTokenCodec(ring),
};
