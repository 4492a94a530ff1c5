import { join } from 'node:path';
import { MASTER_KEY_FILE_NAME, MasterKey, readMasterKeyFile } from '@latchkey/keys';
import type { AppConfig } from '../config/app-config';
import { EX, Exit } from './exit';

/** MASTER_KEY / MASTER_KEY_FILE, else the embedded store's `master.key` (never created here). */
export function masterKeyOf(config: AppConfig): { key: MasterKey; file: string | null } {
  if (config.masterKey) return { key: config.masterKey, file: null };
  const file = join(config.dataDir, MASTER_KEY_FILE_NAME);
  const key = config.eventStore === 'sqlite' ? readMasterKeyFile(file) : null;
  if (!key) throw new Exit(EX.CONFIG, `No master key: set MASTER_KEY or MASTER_KEY_FILE (there is no ${file})`);
  return { key, file };
}
