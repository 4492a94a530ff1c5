import { createHash, createPrivateKey, type JsonWebKey } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { type Environment } from '@latchkey/building-blocks';
import type { KeyPurpose, KeyStatus } from '../../contracts/keys.contracts';
import type { MasterKey } from '../../contracts/master-key';
import type { KeyRingCommand } from '../../domain/key-ring/key-ring.decider';
import { sealedMacKey, sealedSigningKey } from '../key-material/new-keys';

/** The refresh-token MAC key of an earlier version, in DATA_DIR. */
export const LEGACY_REFRESH_TOKEN_SECRET_FILE = 'refresh-token.key';

/** Where an earlier version kept its keys in plaintext: `keys.json` (or KEYS_FILE) and `DATA_DIR/refresh-token.key`. */
export interface LegacyKeyFilePaths {
  keysFile: string | null;
  refreshTokenSecretFile: string | null;
}

interface LegacyKey {
  kid: string;
  environment: Environment;
  purpose: KeyPurpose;
  status: KeyStatus;
  createdAt: string;
  privateJwk: JsonWebKey;
}

export interface LegacyKeyFiles {
  keys: LegacyKey[];
  refreshTokenSecret: Buffer | null;
  /** The files read, to remove once their keys are in the store. */
  files: string[];
}

/** The legacy key files that exist, or null when there are none. A file that is there but unreadable fails. */
export function readLegacyKeyFiles(paths: LegacyKeyFilePaths): LegacyKeyFiles | null {
  const files: string[] = [];
  let keys: LegacyKey[] = [];
  let refreshTokenSecret: Buffer | null = null;
  const keysText = paths.keysFile ? readIfExists(paths.keysFile) : null;
  if (keysText !== null) {
    const doc = JSON.parse(keysText) as { version?: unknown; keys?: unknown };
    if (doc.version !== 1 || !Array.isArray(doc.keys)) throw new Error(`${paths.keysFile} is not a Latchkey key ring (version 1)`);
    keys = doc.keys as LegacyKey[];
    files.push(paths.keysFile!);
  }
  const secretText = paths.refreshTokenSecretFile ? readIfExists(paths.refreshTokenSecretFile) : null;
  if (secretText !== null) {
    refreshTokenSecret = Buffer.from(secretText.trim(), 'base64');
    if (refreshTokenSecret.length < 32) throw new Error(`${paths.refreshTokenSecretFile} does not hold a refresh token secret of 32 bytes`);
    files.push(paths.refreshTokenSecretFile!);
  }
  return files.length === 0 ? null : { keys, refreshTokenSecret, files };
}

/**
 * The import of the legacy keys, sealed under `master`, keeping their kids. The MAC key had no kid:
 * it gets one derived from a hash of the key, so that an import retried after a crash finds it in
 * the ring and skips it.
 */
export function importCommand(legacy: LegacyKeyFiles, master: MasterKey, at: string): Extract<KeyRingCommand, { type: 'ImportKeys' }> {
  const keys = legacy.keys.map((k) => ({
    ...sealedSigningKey(master, k.kid, k.environment, k.purpose, createPrivateKey({ key: k.privateJwk, format: 'jwk' })),
    status: k.status,
    createdAt: k.createdAt,
  }));
  if (legacy.refreshTokenSecret) {
    const kid = `rtm-imported-${createHash('sha256').update('latchkey imported refresh-token MAC key').update(legacy.refreshTokenSecret).digest().subarray(0, 9).toString('base64url')}`;
    keys.push({ ...sealedMacKey(master, kid, legacy.refreshTokenSecret), status: 'active', createdAt: at });
  }
  return { type: 'ImportKeys', keys, at };
}

/** Removes the plaintext files; one that cannot be removed (a read-only mount) is reported, not fatal. */
export function removeLegacyFiles(files: readonly string[], warn: (message: string) => void): void {
  for (const file of files) {
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      warn(`Could not remove ${file} (${(error as NodeJS.ErrnoException).code}); its keys are in the store now: remove it yourself`);
    }
  }
}

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
