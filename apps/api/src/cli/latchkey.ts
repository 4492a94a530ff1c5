import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { AuditOrganizationUnknownError, auditExport, EXPORT_FORMATS, type ExportFormat } from '@latchkey/audit';
import { DomainError, ENVIRONMENTS, type Environment } from '@latchkey/building-blocks';
import { type EventStore, EventStoreMissingError, EventStoreUnavailableError, openEventStoreDb, SqliteEventStore } from '@latchkey/event-store';
import {
  KEY_RING_PURPOSES,
  type KeyRingPurpose,
  KeyRingMissingError,
  KeyRingOperations,
  MasterKey,
  MasterKeyError,
  readMasterKeyFile,
  replaceMasterKeyFile,
} from '@latchkey/keys';
import { ConfigError, loadConfig, type AppConfig } from '../config/app-config';
import { backup } from './backup/backup-command';
import { BACKUP_FILES } from './backup/backup-manifest';
import { restore } from './backup/restore-command';
import { EX, Exit } from './exit';
import { masterKeyOf } from './master-key-of';

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
servers apply a change within a second. list and history create nothing.

Usage: latchkey backup <dir> [--include-master-key] [--json]
       latchkey restore <dir> [--json]
  backup <dir>              a consistent copy of DATA_DIR's read models and (embedded store) event
                            store, taken while servers run, into a new or empty <dir> (0700) with a
                            manifest of checksums; the master key only with --include-master-key
  restore <dir>             fills an empty DATA_DIR from a backup; needs MASTER_KEY or
                            MASTER_KEY_FILE unless the backup holds the master key

Usage: latchkey audit export --organization <id> [--format ndjson|csv] [--type <type>]
                             [--since <time>] [--until <time>] [--actor-id <id>] [--credential-id <id>]
  audit export              an organization's audit log, oldest first, to stdout: the lines of
                            GET /console/v1/audit/export, from DATA_DIR's read models (opened
                            read-only, while servers run); ndjson by default`;

const usage = (problem: string) => new Exit(EX.USAGE, `${problem}\n${USAGE}`);

interface Parsed {
  command: string;
  rest: string[];
  json: boolean;
  environment?: string;
  purpose?: string;
  newKeyFile?: string;
  includeMasterKey: boolean;
  audit: { organization?: string; format?: string; type?: string; since?: string; until?: string; actorId?: string; credentialId?: string };
}

const COMMANDS: Record<string, { options: string[]; args: number }> = {
  'keys list': { options: [], args: 0 },
  'keys history': { options: [], args: 0 },
  'keys rotate': { options: ['environment', 'purpose'], args: 0 },
  'keys retire': { options: [], args: 1 },
  'keys rotate-master': { options: ['new-key-file'], args: 0 },
  backup: { options: ['include-master-key'], args: 1 },
  restore: { options: [], args: 1 },
  'audit export': { options: ['organization', 'format', 'type', 'since', 'until', 'actor-id', 'credential-id'], args: 0 },
};

/** The commands grouped under a first word (`latchkey keys rotate`, `latchkey audit export`). */
const GROUPS = new Set(['keys', 'audit']);

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
        'include-master-key': { type: 'boolean' },
        organization: { type: 'string' },
        format: { type: 'string' },
        type: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        'actor-id': { type: 'string' },
        'credential-id': { type: 'string' },
      },
    });
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return 'help';
  const [group, ...others] = positionals;
  if (!group) throw usage('A command is required');
  const grouped = GROUPS.has(group);
  if (grouped && !others[0]) throw usage('A command is required');
  const command = grouped ? `${group} ${others[0]}` : group;
  const rest = grouped ? others.slice(1) : others;
  const spec = COMMANDS[command];
  if (!spec) throw usage(`Unknown command: ${command}`);
  const stray = Object.keys(values).find((name) => name !== 'json' && !spec.options.includes(name));
  if (stray) throw usage(`${command} takes no --${stray}`);
  if (rest.length !== spec.args) throw usage(spec.args === 1 ? `${command} takes one argument` : `${command} takes no argument`);
  if (spec.args === 1 && rest[0] === '') throw usage(`${command} takes a non-empty argument`);
  if (values.environment !== undefined && !ENVIRONMENTS.includes(values.environment as Environment)) {
    throw usage(`--environment must be one of ${ENVIRONMENTS.join(', ')}`);
  }
  if (values.purpose !== undefined && !KEY_RING_PURPOSES.includes(values.purpose as KeyRingPurpose)) {
    throw usage(`--purpose must be one of ${KEY_RING_PURPOSES.join(', ')}`);
  }
  if (values.purpose === 'refresh-token-mac' && values.environment !== undefined) throw usage('The refresh-token MAC key has no environment');
  if (command === 'audit export') checkAuditOptions(values);
  return {
    command,
    rest,
    json: values.json ?? false,
    environment: values.environment,
    purpose: values.purpose,
    newKeyFile: values['new-key-file'],
    includeMasterKey: values['include-master-key'] ?? false,
    audit: {
      organization: values.organization,
      format: values.format,
      type: values.type,
      since: values.since,
      until: values.until,
      actorId: values['actor-id'],
      credentialId: values['credential-id'],
    },
  };
}

function checkAuditOptions(values: { organization?: string; format?: string; json?: boolean }): void {
  if (!values.organization) throw usage('audit export needs --organization <id>');
  if (values.format !== undefined && !EXPORT_FORMATS.includes(values.format as ExportFormat)) {
    throw usage(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  }
  if (values.json && values.format === 'csv') throw usage('--json and --format csv contradict each other');
}

/** The store, opened without creating anything: read-only for the commands that only read. */
function openStore(config: AppConfig, readOnly: boolean): EventStore {
  switch (config.eventStore) {
    case 'memory':
      throw new Exit(EX.CONFIG, 'EVENT_STORE=memory keeps the key ring in the server process: there is nothing to manage from here');
    case 'eventstoredb':
      return openEventStoreDb(config.eventStoreConnectionString!);
    case 'sqlite':
      if (!existsSync(config.dataDir)) throw new Exit(EX.NOINPUT, `DATA_DIR ${config.dataDir} does not exist: no server has run there`);
      return new SqliteEventStore(join(config.dataDir, 'events.sqlite'), { open: readOnly ? 'readonly' : 'existing' });
  }
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
  const print = (value: unknown, text: string) => out(parsed.json ? `${JSON.stringify(value, null, 2)}\n` : text);
  switch (parsed.command) {
    case 'backup':
      printBackup(await backup(config, parsed.rest[0], parsed.includeMasterKey), print);
      return EX.OK;
    case 'restore':
      printRestore(await restore(config, parsed.rest[0]), config, print);
      return EX.OK;
    case 'audit export':
      await exportAudit(config, parsed.audit);
      return EX.OK;
    default:
      return keys(parsed, config, print);
  }
}

async function keys(parsed: Parsed, config: AppConfig, print: (value: unknown, text: string) => void): Promise<number> {
  const readOnly = parsed.command === 'keys list' || parsed.command === 'keys history';
  const master = parsed.command === 'keys rotate' || parsed.command === 'keys rotate-master' ? masterKeyOf(config) : null;
  const store = openStore(config, readOnly);
  const operations = new KeyRingOperations(store);
  try {
    switch (parsed.command) {
      case 'keys list': {
        const keys = await operations.list();
        print({ keys }, table(keys, ['kid', 'environment', 'purpose', 'status', 'createdAt']));
        break;
      }
      case 'keys history': {
        const events = await operations.history();
        print({ events }, table(events, ['at', 'type', 'kid', 'environment', 'purpose', 'detail', 'origin']));
        break;
      }
      case 'keys rotate': {
        const keys = await operations.rotate(master!.key, {
          environments: parsed.environment ? [parsed.environment as Environment] : undefined,
          purposes: parsed.purpose ? [parsed.purpose as KeyRingPurpose] : undefined,
        });
        print({ keys }, `New active keys: ${keys.map((k) => k.kid).join(', ')}\n`);
        break;
      }
      case 'keys retire': {
        const key = await operations.retire(parsed.rest[0]);
        print({ key }, `Retired ${key.kid}\n`);
        break;
      }
      case 'keys rotate-master':
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

/** Streams the export to stdout at the pace stdout takes it (a pipe to gzip or a slow disk). */
async function exportAudit(config: AppConfig, options: Parsed['audit']): Promise<void> {
  if (config.eventStore === 'memory')
    throw new Exit(EX.CONFIG, 'EVENT_STORE=memory keeps the read models in the server process: there is nothing to export from here');
  const file = join(config.dataDir, BACKUP_FILES.readModels);
  if (!existsSync(file)) throw new Exit(EX.NOINPUT, `There are no read models at ${file}: no server has run on DATA_DIR ${config.dataDir}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    let chunks: AsyncGenerator<string>;
    try {
      chunks = auditExport(db, options.organization!, options, (options.format ?? 'ndjson') as ExportFormat);
    } catch (error) {
      if (error instanceof DomainError) throw usage(describeProblem(error));
      if (error instanceof AuditOrganizationUnknownError) throw new Exit(EX.NOINPUT, error.message);
      if (error instanceof Error && /no such table/.test(error.message)) {
        throw new Exit(EX.NOINPUT, `The read models at ${file} hold no audit log yet: start the server on them once`);
      }
      throw error;
    }
    for await (const chunk of chunks) {
      if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
    }
  } finally {
    db.close();
  }
}

/** A validation problem as one line: its field errors, else its detail. */
const describeProblem = (error: DomainError): string => error.details.errors?.map((e) => e.message).join('; ') ?? error.message;

function printBackup(result: Awaited<ReturnType<typeof backup>>, print: (value: unknown, text: string) => void): void {
  const lines = [
    `Backed up ${result.files.map((f) => f.name).join(', ')} into ${result.dir} (manifest.json lists their SHA-256).`,
    result.eventStore === 'sqlite'
      ? `The event store is copied up to position ${result.lastEventPosition ?? '(empty)'}, with the key ring in it.`
      : 'EVENT_STORE=eventstoredb: the events and the key ring are in EventStoreDB, which this backup does not hold: back it up with its own tools.',
    result.masterKeyIncluded
      ? `The master key (${result.masterKeyId}) is in ${result.dir}/master.key: whoever reads this backup can open every key. Store it accordingly.`
      : `The master key is not in the backup: keep it apart${result.masterKeyId ? ` (${result.masterKeyId})` : ''}; restore needs it as MASTER_KEY or MASTER_KEY_FILE.`,
  ];
  print(result, `${lines.join('\n')}\n`);
}

function printRestore(result: Awaited<ReturnType<typeof restore>>, config: AppConfig, print: (value: unknown, text: string) => void): void {
  const lines = [
    `Restored the backup of ${result.createdAt} from ${result.backup} into DATA_DIR ${result.dataDir}.`,
    result.eventStore === 'sqlite'
      ? `Its event store ends at position ${result.lastEventPosition ?? '(empty)'}; the read models catch up from it when a server starts.`
      : 'The events and the key ring are in EventStoreDB: restore it with its own tools. Read models whose checkpoint lies past its log are rebuilt at start.',
    result.masterKey === 'MASTER_KEY'
      ? 'Start Latchkey on it with the same MASTER_KEY / MASTER_KEY_FILE.'
      : config.eventStore === 'sqlite'
        ? `The master key was restored to ${result.dataDir}/master.key.`
        : `The master key was restored to ${result.dataDir}/master.key: start Latchkey with MASTER_KEY_FILE pointing at it.`,
  ];
  print(result, `${lines.join('\n')}\n`);
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
