import { createHash, timingSafeEqual } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EX, Exit } from '../exit';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'latchkey-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** The files a backup may hold, named as in DATA_DIR. */
export const BACKUP_FILES = { events: 'events.sqlite', readModels: 'read-models.sqlite', masterKey: 'master.key' } as const;
const KNOWN_FILES: readonly string[] = Object.values(BACKUP_FILES);

export type BackedUpStore = 'sqlite' | 'eventstoredb';

export interface BackupFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  createdAt: string;
  latchkeyVersion: string;
  eventStore: BackedUpStore;
  /** Position of the last event in the backed-up event store; null with EventStoreDB (its events are not in the backup) or an empty store. */
  lastEventPosition: number | null;
  masterKeyIncluded: boolean;
  /** The public id of the master key the key ring is sealed under, when known. */
  masterKeyId: string | null;
  files: BackupFile[];
}

export async function describeFile(dir: string, name: string): Promise<BackupFile> {
  const path = join(dir, name);
  return { name, bytes: statSync(path).size, sha256: await sha256Of(path) };
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The manifest of the backup in `dir`: exit 66 when there is none, 65 when it is not one this version reads. */
export function readManifest(dir: string): BackupManifest {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new Exit(EX.NOINPUT, `${dir} holds no Latchkey backup (there is no ${MANIFEST_FILE})`);
    throw error;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    throw new Exit(EX.DATAERR, `${path} is not JSON: the backup is damaged`);
  }
  const problem = manifestProblem(manifest);
  if (problem) throw new Exit(EX.DATAERR, `${path} is not a Latchkey backup manifest this version reads: ${problem}`);
  return manifest as BackupManifest;
}

function manifestProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const m = value as Record<string, unknown>;
  if (m.format !== BACKUP_FORMAT) return `format is not ${BACKUP_FORMAT}`;
  if (m.formatVersion !== BACKUP_FORMAT_VERSION) return `formatVersion ${String(m.formatVersion)} (this version reads ${BACKUP_FORMAT_VERSION})`;
  if (m.eventStore !== 'sqlite' && m.eventStore !== 'eventstoredb') return 'eventStore must be sqlite or eventstoredb';
  if (m.lastEventPosition !== null && !Number.isSafeInteger(m.lastEventPosition)) return 'lastEventPosition must be an integer or null';
  if (typeof m.masterKeyIncluded !== 'boolean') return 'masterKeyIncluded must be true or false';
  if (!Array.isArray(m.files)) return 'files must be a list';
  const names = new Set<string>();
  for (const file of m.files as unknown[]) {
    const f = (file ?? {}) as Record<string, unknown>;
    if (typeof f.name !== 'string' || !KNOWN_FILES.includes(f.name)) return `unknown file ${JSON.stringify(f.name)}`;
    if (names.has(f.name)) return `${f.name} is listed twice`;
    if (!Number.isSafeInteger(f.bytes) || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256))
      return `${f.name} needs bytes and a sha256`;
    names.add(f.name);
  }
  const required = m.eventStore === 'sqlite' ? [BACKUP_FILES.readModels, BACKUP_FILES.events] : [BACKUP_FILES.readModels];
  const missing = required.find((name) => !names.has(name));
  if (missing) return `${missing} is not listed`;
  if (names.has(BACKUP_FILES.events) && m.eventStore !== 'sqlite') return `${BACKUP_FILES.events} belongs to the sqlite store only`;
  if (names.has(BACKUP_FILES.masterKey) !== m.masterKeyIncluded) return `masterKeyIncluded does not match the files listed`;
  return null;
}

/** Every file the manifest lists is in `dir` with its size and SHA-256 (exit 65 otherwise). */
export async function verifyFiles(dir: string, manifest: BackupManifest): Promise<void> {
  for (const expected of manifest.files) {
    let actual: BackupFile;
    try {
      actual = await describeFile(dir, expected.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Exit(EX.DATAERR, `The backup lacks ${expected.name}, which its manifest lists`);
      throw error;
    }
    if (actual.bytes !== expected.bytes || !timingSafeEqual(Buffer.from(actual.sha256, 'hex'), Buffer.from(expected.sha256, 'hex'))) {
      throw new Exit(EX.DATAERR, `${expected.name} in ${dir} does not match its checksum in ${MANIFEST_FILE}: the backup is damaged or was altered`);
    }
  }
}
