import { MasterKey } from '@latchkey/keys';
import { startListeningTestApp, type ListeningTestApp } from './listening-app';
import { startTestApp, type TestApp } from './test-app';

export interface InstanceOptions {
  /** The master key as MASTER_KEY takes it (base64); see `newMasterKey`. */
  masterKey?: string;
  eventStore?: 'sqlite' | 'eventstoredb' | 'memory';
  /** Required with `eventstoredb` (e.g. an EsdbDouble's `connectionString`). */
  connectionString?: string;
  /** A data directory of its own by default; give one to share or keep it. */
  dataDir?: string;
  env?: Record<string, string>;
}

/** A fresh master key, base64, as MASTER_KEY takes it. */
export const newMasterKey = (): string => MasterKey.generate().toBase64();

function instanceEnv(options: InstanceOptions): Record<string, string> {
  return {
    ...(options.masterKey ? { MASTER_KEY: options.masterKey } : {}),
    ...(options.eventStore ? { EVENT_STORE: options.eventStore } : {}),
    ...(options.connectionString ? { EVENTSTORE_CONNECTION_STRING: options.connectionString } : {}),
    ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}),
    ...options.env,
  };
}

/** An application instance (not listening) on the given store and master key: several of them on one store make a cluster. */
export const startInstance = (options: InstanceOptions = {}): Promise<TestApp> => startTestApp(instanceEnv(options));

/** The same, listening on 127.0.0.1 with PUBLIC_URL at that address unless `env` gives one. */
export const startListeningInstance = (options: InstanceOptions = {}): Promise<ListeningTestApp> => startListeningTestApp(instanceEnv(options));
