import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError, ENVIRONMENTS, type Environment } from '@latchkey/building-blocks';
import { EventStoreDbEventStore, type EventStore, EventStoreMissingError, EventStoreUnavailableError, SqliteEventStore } from '@latchkey/event-store';
import {
  KEY_RING_PURPOSES,
  type KeyRingPurpose,
  KeyRingMissingError,
  KeyRingOperations,
  MASTER_KEY_FILE_NAME,
  MasterKey,
  MasterKeyError,
  readMasterKeyFile,
  replaceMasterKeyFile,
} from '@latchkey/keys';
import { ConfigError, loadConfig, type AppConfig } from '../config/app-config';

/** sysexits(3) */
const EX = { OK: 0, USAGE: 64, DATAERR: 65, NOINPUT: 66, UNAVAILABLE: 69, SOFTWARE: 70, CONFIG: 78 } as const;

const USAGE = `Usage: latchkey keys <command> [--json]
  list                      every key: kid, environment, purpose, status, created
  history                   the key ring's events: created, activated, retired, resealed
  rotate [--environment production|sandbox] [--purpose credential|access_token|refresh-token-mac]
                            new active keys (default: both environments, both signing purposes);
                            the old ones keep verifying what they signed
  retire <kid>              stop a previous key verifying anything (what it signed is refused)
  rotate-master [--new-key-file <file>]
                            seal every key again under a new master key: read from <file>, or
                            generated (into <file> when given, else replacing DATA_DIR/master.key)

Talks to the store of EVENT_STORE (DATA_DIR or EVENTSTORE_CONNECTION_STRING); rotate and
rotate-master need the master key (MASTER_KEY, MASTER_KEY_FILE or DATA_DIR/master.key). Running
servers apply a change within a second. list and history create nothing.`;

class Exit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const usage = (problem: string) => new Exit(EX.USAGE, `${problem}\n${USAGE}`);

interface Parsed {
  command: string;
  rest: string[];
  json: boolean;
  environment?: string;
  purpose?: string;
  newKeyFile?: string;
}

const COMMANDS: Record<string, { options: string[]; args: number }> = {
  list: { options: [], args: 0 },
  history: { options: [], args: 0 },
  rotate: { options: ['environment', 'purpose'], args: 0 },
  retire: { options: [], args: 1 },
  'rotate-master': { options: ['new-key-file'], args: 0 },
};

function parse(argv: string[]): Parsed | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        environment: { type: 'string' },
        purpose: { type: 'string' },
        'new-key-file': { type: 'string' },
      },
    });
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return 'help';
  const [group, command, ...rest] = positionals;
  if (group !== 'keys' || !command) throw usage(group && group !== 'keys' ? `Unknown command: ${group}` : 'A command is required');
  const spec = COMMANDS[command];
  if (!spec) throw usage(`Unknown command: keys ${command}`);
  const stray = Object.keys(values).find((name) => name !== 'json' && !spec.options.includes(name));
  if (stray) throw usage(`keys ${command} takes no --${stray}`);
  if (rest.length !== spec.args) throw usage(spec.args === 1 ? `keys ${command} takes one argument` : `keys ${command} takes no argument`);
  if (values.environment !== undefined && !ENVIRONMENTS.includes(values.environment as Environment)) {
    throw usage(`--environment must be one of ${ENVIRONMENTS.join(', ')}`);
  }
  if (values.purpose !== undefined && !KEY_RING_PURPOSES.includes(values.purpose as KeyRingPurpose)) {
    throw usage(`--purpose must be one of ${KEY_RING_PURPOSES.join(', ')}`);
  }
  if (values.purpose === 'refresh-token-mac' && values.environment !== undefined) throw usage('The refresh-token MAC key has no environment');
  return {
    command,
    rest,
    json: values.json ?? false,
    environment: values.environment,
    purpose: values.purpose,
    newKeyFile: values['new-key-file'],
  };
}

/** The store, opened without creating anything: read-only for the commands that only read. */
function openStore(config: AppConfig, readOnly: boolean): EventStore {
  switch (config.eventStore) {
    case 'memory':
      throw new Exit(EX.CONFIG, 'EVENT_STORE=memory keeps the key ring in the server process: there is nothing to manage from here');
    case 'eventstoredb':
      return new EventStoreDbEventStore(config.eventStoreConnectionString!);
    case 'sqlite':
      if (!existsSync(config.dataDir)) throw new Exit(EX.NOINPUT, `DATA_DIR ${config.dataDir} does not exist: no server has run there`);
      return new SqliteEventStore(join(config.dataDir, 'events.sqlite'), { open: readOnly ? 'readonly' : 'existing' });
  }
}

/** MASTER_KEY / MASTER_KEY_FILE, else the embedded store's `master.key` (never created here). */
function masterKeyOf(config: AppConfig): { key: MasterKey; file: string | null } {
  if (config.masterKey) return { key: config.masterKey, file: null };
  const file = join(config.dataDir, MASTER_KEY_FILE_NAME);
  const key = config.eventStore === 'sqlite' ? readMasterKeyFile(file) : null;
  if (!key) throw new Exit(EX.CONFIG, `No master key: set MASTER_KEY or MASTER_KEY_FILE (there is no ${file})`);
  return { key, file };
}

function table(rows: object[], columns: string[]): string {
  return rows.map((row) => columns.map((c) => (row as Record<string, unknown>)[c] ?? '-').join('\t')).join('\n') + (rows.length ? '\n' : '');
}

async function run(argv: string[], out: (text: string) => void): Promise<number> {
  const parsed = parse(argv);
  if (parsed === 'help') {
    out(`${USAGE}\n`);
    return EX.OK;
  }
  const config = loadConfig();
  const readOnly = parsed.command === 'list' || parsed.command === 'history';
  const master = parsed.command === 'rotate' || parsed.command === 'rotate-master' ? masterKeyOf(config) : null;
  const store = openStore(config, readOnly);
  const operations = new KeyRingOperations(store);
  const print = (value: unknown, text: string) => out(parsed.json ? `${JSON.stringify(value, null, 2)}\n` : text);
  try {
    switch (parsed.command) {
      case 'list': {
        const keys = await operations.list();
        print({ keys }, table(keys, ['kid', 'environment', 'purpose', 'status', 'createdAt']));
        break;
      }
      case 'history': {
        const events = await operations.history();
        print({ events }, table(events, ['at', 'type', 'kid', 'environment', 'purpose', 'detail', 'origin']));
        break;
      }
      case 'rotate': {
        const keys = await operations.rotate(master!.key, {
          environments: parsed.environment ? [parsed.environment as Environment] : undefined,
          purposes: parsed.purpose ? [parsed.purpose as KeyRingPurpose] : undefined,
        });
        print({ keys }, `New active keys: ${keys.map((k) => k.kid).join(', ')}\n`);
        break;
      }
      case 'retire': {
        const key = await operations.retire(parsed.rest[0]);
        print({ key }, `Retired ${key.kid}\n`);
        break;
      }
      case 'rotate-master':
        await rotateMaster(operations, master!, parsed.newKeyFile ?? null, print);
        break;
    }
    return EX.OK;
  } finally {
    await store.close();
  }
}

/**
 * The new master key is on disk before the ring is resealed under it, so it cannot be lost: in
 * `--new-key-file`, or (the embedded default) it replaces DATA_DIR/master.key once the reseal is stored.
 */
async function rotateMaster(
  operations: KeyRingOperations,
  current: { key: MasterKey; file: string | null },
  newKeyFile: string | null,
  print: (value: unknown, text: string) => void,
): Promise<void> {
  if (!newKeyFile && !current.file) {
    throw usage('The master key comes from MASTER_KEY or MASTER_KEY_FILE: name a file for the new one with --new-key-file');
  }
  const given = newKeyFile ? readMasterKeyFile(newKeyFile) : null;
  const next = given ?? MasterKey.generate();
  if (newKeyFile && !given) replaceMasterKeyFile(newKeyFile, next);
  const result = await operations.rotateMaster(current.key, next);
  if (!newKeyFile) replaceMasterKeyFile(current.file!, next);
  const where = newKeyFile ?? current.file!;
  print(
    { masterKeyId: result.masterKeyId, keys: result.keys, file: where },
    `Resealed ${result.keys} key(s) under master key ${result.masterKeyId} (in ${where}). ` +
      'Give it to every instance (MASTER_KEY or MASTER_KEY_FILE) and restart them; the old master key opens nothing the ring serves now.\n',
  );
}

function exitCodeOf(error: unknown): number {
  if (error instanceof Exit) return error.code;
  if (error instanceof ConfigError || error instanceof MasterKeyError) return EX.CONFIG;
  if (error instanceof EventStoreMissingError || error instanceof KeyRingMissingError) return EX.NOINPUT;
  if (error instanceof EventStoreUnavailableError) return EX.UNAVAILABLE;
  if (error instanceof DomainError) return error.code === 'MASTER_KEY_MISMATCH' ? EX.CONFIG : EX.DATAERR;
  return EX.SOFTWARE;
}

run(process.argv.slice(2), (text) => process.stdout.write(text)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = exitCodeOf(error);
  },
);
