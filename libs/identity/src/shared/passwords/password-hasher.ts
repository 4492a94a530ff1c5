import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';
import { HASHING_LIMITS, HashingBound, type HashingLimits } from './hashing-bound';
import { normalizePassword } from './password-policy';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
  saltBytes: number;
  keyBytes: number;
}

/**
 * OWASP's scrypt recommendation (N=2^17, r=8, p=1): about 128 MiB and a few hundred milliseconds
 * per hash. scrypt because Node ships it in `node:crypto`: a memory-hard KDF with no native addon
 * to build or audit (Argon2id would need one).
 */
export const OWASP_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1, saltBytes: 16, keyBytes: 64 };

/** Overrides the KDF cost; only unit tests set it lower. */
export const SCRYPT_PARAMS = Symbol('SCRYPT_PARAMS');

/** Bounds for parameters read back from a stored hash, so a corrupt row cannot ask for gigabytes. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

const ENCODED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

function derive(password: string, salt: Buffer, keyBytes: number, { N, r, p }: Pick<ScryptParams, 'N' | 'r' | 'p'>): Promise<Buffer> {
  // Node refuses to run when 128 * N * r * p exceeds maxmem (32 MiB by default).
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r * p };
  return new Promise((resolve, reject) => {
    // The callback form runs on libuv's thread pool: the event loop stays free meanwhile.
    scrypt(normalizePassword(password), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * Password hashes encoded as `scrypt$N$r$p$salt$hash` (salt and hash base64url), so that the cost
 * can be raised later without invalidating stored hashes.
 *
 * Every hash of the process goes through one `HashingBound` (this provider is a singleton): at most
 * 2 run at a time, at most 64 wait, and a request past that is refused with `503 BUSY` and
 * `Retry-After` rather than queued. Checks of existing passwords are served before new ones.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private readonly params: ScryptParams;
  private readonly bound: HashingBound;
  private dummyHash: Promise<string> | null = null;

  constructor(@Optional() @Inject(SCRYPT_PARAMS) params?: ScryptParams, @Optional() @Inject(HASHING_LIMITS) limits?: HashingLimits) {
    this.params = params ?? OWASP_SCRYPT;
    this.bound = new HashingBound(limits);
  }

  /** Hashes a new password (sign-up, invitation acceptance, a password change). May fail with `503 BUSY`. */
  hash(password: string): Promise<string> {
    return this.bound.run('new-password', () => this.derive(password));
  }

  /** True when `password` matches `encoded`; a malformed hash matches nothing. May fail with `503 BUSY`. */
  async verify(password: string, encoded: string): Promise<boolean> {
    const parsed = parse(encoded);
    if (!parsed) {
      await this.verifyAgainstDummy(password);
      return false;
    }
    const key = await this.bound.run('check', () => derive(password, parsed.salt, parsed.key.length, parsed));
    return timingSafeEqual(key, parsed.key);
  }

  /**
   * Spends the same work as a real verification and answers false: used for unknown accounts so
   * that a failed login takes as long whether or not the e-mail address exists.
   */
  async verifyAgainstDummy(password: string): Promise<false> {
    const parsed = parse(await this.dummy())!;
    await this.bound.run('check', () => derive(password, parsed.salt, parsed.key.length, parsed));
    return false;
  }

  /** How many hashes run and wait now. */
  get load(): { running: number; waiting: number } {
    return this.bound.load;
  }

  private async derive(password: string): Promise<string> {
    const { N, r, p, saltBytes, keyBytes } = this.params;
    const salt = randomBytes(saltBytes);
    const key = await derive(password, salt, keyBytes, this.params);
    return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  /** Computes the dummy hash ahead of the first unknown-account login (it costs one hash). */
  prepare(): Promise<void> {
    return this.dummy().then(() => undefined);
  }

  onModuleInit(): void {
    // The first login for an unknown address would otherwise pay for the dummy hash on top of its check.
    void this.prepare().catch(() => undefined);
  }

  /**
   * The dummy hash is made with the current parameters, so it costs what real hashes cost. It is
   * made as a check (it stands for an existing account's hash); a refusal is not kept.
   */
  private dummy(): Promise<string> {
    this.dummyHash ??= this.bound
      .run('check', () => this.derive(randomBytes(32).toString('base64url')))
      .catch((error: unknown) => {
        this.dummyHash = null;
        throw error;
      });
    return this.dummyHash;
  }
}

function parse(encoded: string): (Pick<ScryptParams, 'N' | 'r' | 'p'> & { salt: Buffer; key: Buffer }) | null {
  const match = ENCODED.exec(encoded);
  if (!match) return null;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || r < 1 || r > MAX_R || p < 1 || p > MAX_P) return null;
  const salt = Buffer.from(match[4], 'base64url');
  const key = Buffer.from(match[5], 'base64url');
  if (salt.length < 16 || key.length < 32) return null;
  return { N, r, p, salt, key };
}
