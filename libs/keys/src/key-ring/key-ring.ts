import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { ENVIRONMENTS, type Environment } from '@latchkey/building-blocks';
import { type KeyPurpose, type PublicJwk, SIGNING_ALGORITHM, type SigningKey } from '../contracts/keys.contracts';
import { type KeyRingDocument, type StoredKey, readKeyRingFile, writeKeyRingFile } from './key-ring-file';

const PURPOSES: KeyPurpose[] = ['credential', 'access_token'];
const PREFIX: Record<Environment, string> = { production: 'prod', sandbox: 'sbx' };
const PURPOSE_PREFIX: Record<KeyPurpose, string> = { credential: 'cred', access_token: 'at' };

/**
 * Signing keys per environment and purpose. Exactly one key per pair is `active` (signs); older
 * `previous` keys still verify what they signed; `retired` keys verify nothing. Keys are imported
 * once into KeyObjects; lookups by kid are O(1).
 *
 * With a file path the ring survives restarts (created on first start, owner-only permissions);
 * without one it lives in memory only.
 */
export class KeyRing {
  private keys: SigningKey[] = [];
  private byKid = new Map<string, SigningKey>();

  constructor(private readonly path: string | null) {
    const doc = path ? readKeyRingFile(path) : null;
    this.install(doc?.keys ?? []);
    const missing = ENVIRONMENTS.flatMap((environment) =>
      PURPOSES.filter((purpose) => !this.keys.some((k) => k.environment === environment && k.purpose === purpose && k.status === 'active')).map(
        (purpose) => ({ environment, purpose }),
      ),
    );
    if (missing.length > 0) {
      const stored = this.stored();
      for (const { environment, purpose } of missing) stored.push(generateKey(environment, purpose));
      this.save(stored);
    }
  }

  /** The key that signs new tokens of this environment and purpose. */
  activeKey(environment: Environment, purpose: KeyPurpose): SigningKey {
    const key = this.keys.find((k) => k.environment === environment && k.purpose === purpose && k.status === 'active');
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
      keys: this.keys.filter((k) => k.environment === environment && k.purpose === purpose && k.status !== 'retired').map((k) => publicJwk(k)),
    };
  }

  list(): Omit<SigningKey, 'privateKey' | 'publicKey'>[] {
    return this.keys.map(({ privateKey: _p, publicKey: _q, ...rest }) => rest);
  }

  /**
   * Makes a new key active for each given pair; the old active key becomes `previous` and keeps
   * verifying what it signed.
   */
  rotate(environments: readonly Environment[] = ENVIRONMENTS, purposes: KeyPurpose[] = PURPOSES): string[] {
    const stored = this.stored();
    const created: string[] = [];
    for (const environment of environments) {
      for (const purpose of purposes) {
        for (const k of stored) if (k.environment === environment && k.purpose === purpose && k.status === 'active') k.status = 'previous';
        const key = generateKey(environment, purpose);
        stored.push(key);
        created.push(key.kid);
      }
    }
    this.save(stored);
    return created;
  }

  /** Retires a previous key: what it signed stops verifying. The active key cannot be retired. */
  retire(kid: string): void {
    const stored = this.stored();
    const key = stored.find((k) => k.kid === kid);
    if (!key) throw new Error(`No key ${kid}`);
    if (key.status === 'active') throw new Error(`Key ${kid} is active; rotate first`);
    key.status = 'retired';
    this.save(stored);
  }

  /** Re-reads the file (after an operator rotated or retired keys with the command-line tool). */
  reload(): void {
    if (!this.path) return;
    const doc = readKeyRingFile(this.path);
    if (doc) this.install(doc.keys);
  }

  private stored(): StoredKey[] {
    return this.keys.map((k) => ({
      kid: k.kid,
      environment: k.environment,
      purpose: k.purpose,
      alg: k.alg,
      status: k.status,
      createdAt: k.createdAt,
      privateJwk: k.privateKey.export({ format: 'jwk' }),
    }));
  }

  private save(stored: StoredKey[]): void {
    const doc: KeyRingDocument = { version: 1, keys: stored };
    if (this.path) writeKeyRingFile(this.path, doc);
    this.install(stored);
  }

  private install(stored: StoredKey[]): void {
    this.keys = stored.map((s) => {
      const privateKey = createPrivateKey({ key: s.privateJwk, format: 'jwk' });
      return { ...s, alg: SIGNING_ALGORITHM, privateKey, publicKey: createPublicKey(privateKey) };
    });
    this.byKid = new Map(this.keys.map((k) => [k.kid, k]));
  }
}

function generateKey(environment: Environment, purpose: KeyPurpose): StoredKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    kid: `${PREFIX[environment]}-${PURPOSE_PREFIX[purpose]}-${randomBytes(9).toString('base64url')}`,
    environment,
    purpose,
    alg: SIGNING_ALGORITHM,
    status: 'active',
    createdAt: new Date().toISOString(),
    privateJwk: privateKey.export({ format: 'jwk' }),
  };
}

function publicJwk(key: SigningKey): PublicJwk {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y!, kid: key.kid, alg: SIGNING_ALGORITHM, use: 'sig' };
}
