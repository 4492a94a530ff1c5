import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensurePrivateFile, tightenFile } from '@latchkey/building-blocks';
import { type EventStore, openEventStoreDb, SqliteEventStore } from '@latchkey/event-store';
import { KeyRingMissingError, KeyRingOperations, type MasterKey, MasterKeyError, readMasterKeyFile } from '@latchkey/keys';
import type { AppConfig } from '../../config/app-config';
import { EX, Exit } from '../exit';
import { BACKUP_FILES, type BackupManifest, readManifest, verifyFiles } from './backup-manifest';
import { assertMissingOrEmpty, claimDirectory, releaseDirectory } from './empty-directory';

export interface RestoreResult {
  dataDir: string;
  backup: string;
  createdAt: string;
  eventStore: BackupManifest['eventStore'];
  lastEventPosition: number | null;
  /** Where a server started on DATA_DIR finds the master key. */
  masterKey: 'MASTER_KEY' | 'master.key';
  masterKeyId: string | null;
}

/**
 * `latchkey restore <dir>` into an empty DATA_DIR. Everything that can refuse is checked before
 * DATA_DIR is touched: the manifest and every checksum, the store kind, and that the master key a
 * server would start with (MASTER_KEY / MASTER_KEY_FILE, else the backup's own) opens the backed-up
 * key ring. A copy that fails half-way leaves DATA_DIR as it was (removed, or empty).
 */
export async function restore(config: AppConfig, source: string): Promise<RestoreResult> {
  if (config.eventStore === 'memory')
    throw new Exit(EX.CONFIG, 'EVENT_STORE=memory keeps everything in the server process: there is nothing to restore into');
  const dir = resolve(source);
  const manifest = readManifest(dir);
  if (manifest.eventStore !== config.eventStore) {
    throw new Exit(EX.CONFIG, `The backup in ${dir} is of the ${manifest.eventStore} store, but EVENT_STORE is ${config.eventStore}`);
  }
  await verifyFiles(dir, manifest);
  assertMissingOrEmpty(config.dataDir, 'DATA_DIR');

  const included = manifest.masterKeyIncluded ? readMasterKeyFile(join(dir, BACKUP_FILES.masterKey)) : null;
  const master = config.masterKey ?? included;
  if (!master) {
    throw new Exit(
      EX.CONFIG,
      'The backup does not hold the master key (it was taken without --include-master-key): set MASTER_KEY or MASTER_KEY_FILE to the master key ' +
        `its key ring is sealed under${manifest.masterKeyId ? ` (${manifest.masterKeyId})` : ''}. Nothing was restored.`,
    );
  }
  const masterKeyId = await assertOpensKeyRing(config, dir, master);

  const claimed = claimDirectory(config.dataDir);
  try {
    for (const { name } of manifest.files) copyPrivateFile(join(dir, name), join(config.dataDir, name));
    await verifyFiles(config.dataDir, manifest);
  } catch (error) {
    releaseDirectory(claimed);
    throw error;
  }
  return {
    dataDir: config.dataDir,
    backup: dir,
    createdAt: manifest.createdAt,
    eventStore: manifest.eventStore,
    lastEventPosition: manifest.lastEventPosition,
    masterKey: config.masterKey ? 'MASTER_KEY' : 'master.key',
    masterKeyId,
  };
}

/**
 * The key ring of the restored store: the backup's log (opened read-only), or EventStoreDB (restored
 * by the operator's own tooling). A store without a ring yet is fine: a server creates it at start.
 */
async function assertOpensKeyRing(config: AppConfig, dir: string, master: MasterKey): Promise<string | null> {
  const store: EventStore =
    config.eventStore === 'sqlite'
      ? new SqliteEventStore(join(dir, BACKUP_FILES.events), { open: 'readonly' })
      : openEventStoreDb(config.eventStoreConnectionString!);
  try {
    return await new KeyRingOperations(store).assertOpens(master);
  } catch (error) {
    if (error instanceof KeyRingMissingError) return null;
    if (error instanceof MasterKeyError) throw new Exit(EX.CONFIG, `${error.message} Nothing was restored.`);
    throw error;
  } finally {
    await store.close();
  }
}

function copyPrivateFile(from: string, to: string): void {
  ensurePrivateFile(to);
  copyFileSync(from, to);
  tightenFile(to);
}
