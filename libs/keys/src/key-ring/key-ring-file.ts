import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JsonWebKey } from 'node:crypto';
import { type Environment } from '@latchkey/building-blocks';
import type { KeyPurpose, KeyStatus } from '../contracts/keys.contracts';

export interface StoredKey {
  kid: string;
  environment: Environment;
  purpose: KeyPurpose;
  alg: 'ES256';
  status: KeyStatus;
  createdAt: string;
  privateJwk: JsonWebKey;
}

export interface KeyRingDocument {
  version: 1;
  keys: StoredKey[];
}

/** Reads the key ring file, or null when it does not exist yet. */
export function readKeyRingFile(path: string): KeyRingDocument | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const doc = JSON.parse(text) as KeyRingDocument;
  if (doc.version !== 1 || !Array.isArray(doc.keys)) throw new Error(`${path} is not a Latchkey key ring (version 1)`);
  return doc;
}

/**
 * Writes the key ring atomically with owner-only permissions: a temporary file is written and
 * synced, then renamed over the old one, so a crash leaves either the old or the new ring.
 */
export function writeKeyRingFile(path: string, doc: KeyRingDocument): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(doc, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
