import { type Environment } from '@latchkey/building-blocks';
import {
  type KeyDescription,
  type KeyPurpose,
  type PublicJwk,
  type RefreshTokenMacKeys,
  SIGNING_ALGORITHM,
  type SigningKey,
} from '../contracts/keys.contracts';
import { cacheOf, type OpenedCache, type OpenedKeyRing } from '../shared/key-material/open-keys';

/**
 * The key ring as this instance serves it, opened from the store's key-ring stream: signing keys
 * per environment and purpose and the refresh tokens' MAC keys. Exactly one key per slot is
 * `active` (signs); `previous` keys still verify what they signed; `retired` keys verify nothing.
 * Lookups by kid are O(1); `install` swaps the whole ring at once when the stream changes.
 */
export class KeyRing {
  private signing: SigningKey[] = [];
  private byKid = new Map<string, SigningKey>();
  private mac: RefreshTokenMacKeys | null = null;
  private described: KeyDescription[] = [];
  private opened: OpenedCache = new Map();

  install(ring: OpenedKeyRing): void {
    const macActive = ring.mac.find((k) => k.status === 'active');
    this.signing = ring.signing;
    this.byKid = new Map(ring.signing.map((k) => [k.kid, k]));
    this.mac = macActive
      ? { active: macActive.secret, verifying: [macActive, ...ring.mac.filter((k) => k !== macActive)].map((k) => k.secret) }
      : null;
    this.described = ring.described;
    this.opened = cacheOf(ring);
  }

  /** The material opened so far, by kid (for the next reload). */
  openedKeys(): OpenedCache {
    return this.opened;
  }

  /** The key that signs new tokens of this environment and purpose. */
  activeKey(environment: Environment, purpose: KeyPurpose): SigningKey {
    const key = this.signing.find((k) => k.environment === environment && k.purpose === purpose && k.status === 'active');
    if (!key) throw new Error(`No active ${purpose} key for ${environment}`);
    return key;
  }

  /** A key that may verify: same environment and purpose, not retired. Null otherwise. */
  verificationKey(environment: Environment, purpose: KeyPurpose, kid: string): SigningKey | null {
    const key = this.byKid.get(kid);
    return key && key.environment === environment && key.purpose === purpose && key.status !== 'retired' ? key : null;
  }

  /** The public keys that verify tokens of this environment and purpose, as a JWKS. */
  jwks(environment: Environment, purpose: KeyPurpose): { keys: PublicJwk[] } {
    return {
      keys: this.signing.filter((k) => k.environment === environment && k.purpose === purpose && k.status !== 'retired').map((k) => publicJwk(k)),
    };
  }

  /** The refresh tokens' MAC keys: the active one first. */
  refreshTokenMac(): RefreshTokenMacKeys {
    if (!this.mac) throw new Error('No active refresh-token MAC key');
    return this.mac;
  }

  /** Every key, retired ones included, without material. */
  list(): KeyDescription[] {
    return this.described;
  }
}

function publicJwk(key: SigningKey): PublicJwk {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y!, kid: key.kid, alg: SIGNING_ALGORITHM, use: 'sig' };
}
