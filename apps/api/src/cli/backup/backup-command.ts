import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backupDatabaseFile, SqliteEventStore } from '@latchkey/event-store';
import { KeyRingOperations, type MasterKey, replaceMasterKeyFile } from '@latchkey/keys';
import type { AppConfig } from '../../config/app-config';
import { EX, Exit } from '../exit';
import { masterKeyOf } from '../master-key-of';
import {
  BACKUP_FILES,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackedUpStore,
  type BackupManifest,
  describeFile,
  MANIFEST_FILE,
} from './backup-manifest';
import { assertMissingOrEmpty, claimDirectory, releaseDirectory } from './empty-directory';
import { latchkeyVersion } from './latchkey-version';

/**
 * `latchkey backup <dir>`, while servers run. The read models are copied before the event store,
 * so they are never ahead of the copied log: on the restored copy they catch up from their
 * checkpoints. Every append acknowledged before the command started is in the copied log.
 * The manifest is written last: a directory without one is not a backup.
 */
export async function backup(config: AppConfig, target: string, includeMasterKey: boolean): Promise<BackupManifest & { dir: string }> {
  if (config.eventStore === 'memory')
    throw new Exit(EX.CONFIG, 'EVENT_STORE=memory keeps everything in the server process: there is nothing to back up');
  const eventStore: BackedUpStore = config.eventStore;
  const dir = resolve(target);
  const sources = eventStore === 'sqlite' ? [BACKUP_FILES.readModels, BACKUP_FILES.events] : [BACKUP_FILES.readModels];
  for (const name of sources) {
    const path = join(config.dataDir, name);
    if (!existsSync(path)) throw new Exit(EX.NOINPUT, `There is no ${path}: no server has run on DATA_DIR ${config.dataDir}`);
  }
  const master = includeMasterKey ? masterKeyOf(config).key : null;
  assertMissingOrEmpty(dir, 'The backup directory');

  const claimed = claimDirectory(dir);
  try {
    for (const name of sources) await backupDatabaseFile(join(config.dataDir, name), join(dir, name));
    const { lastEventPosition, masterKeyId } =
      eventStore === 'sqlite'
        ? await inspectCopiedStore(join(dir, BACKUP_FILES.events), master)
        : { lastEventPosition: null, masterKeyId: master?.id ?? null };
    const names: string[] = [...sources];
    if (master) {
      replaceMasterKeyFile(join(dir, BACKUP_FILES.masterKey), master);
      names.push(BACKUP_FILES.masterKey);
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      latchkeyVersion: latchkeyVersion(),
      eventStore,
      lastEventPosition,
      masterKeyIncluded: master !== null,
      masterKeyId,
      files: await Promise.all(names.map((name) => describeFile(dir, name))),
    };
    writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return { dir, ...manifest };
  } catch (error) {
    releaseDirectory(claimed);
    throw error;
  }
}

/** The copied log's last position and the key ring's master key id; an included master key must open the ring (exit 78 otherwise). */
async function inspectCopiedStore(file: string, master: MasterKey | null): Promise<{ lastEventPosition: number | null; masterKeyId: string | null }> {
  const store = new SqliteEventStore(file, { open: 'readonly' });
  try {
    const lastEventPosition = await store.headPosition();
    const masterKeyId = master ? await new KeyRingOperations(store).assertOpens(master) : null;
    return { lastEventPosition, masterKeyId };
  } finally {
    await store.close();
  }
}
