import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { closeSync, existsSync, fdatasync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { EventStoreClosedError, EventStoreUnavailableError, InvalidEventStoreArgumentError } from '../../errors/event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../../port/event-store.port';
import { runCatchUpSubscription } from '../../port/catch-up-subscription';
import { assertExpectedRevision, validateAppendArguments, validateStreamName } from '../../port/expected-revision';
import { findIdempotentRetry } from '../../port/idempotency';
import { preparePrivateDatabaseFile } from './private-database-file';
import { configure, prepareStatements, toRecordedEvent, type EventStatements } from './sqlite-schema';

interface SerializedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

interface PendingAppend {
  streamName: string;
  expected: ExpectedRevision;
  events: SerializedEvent[];
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

export interface SqliteEventStoreOptions {
  /**
   * `create` (default): the file and its directory are made when missing. `existing`: the file must
   * exist. `readonly`: the file must exist and is opened read-only (appends fail); nothing is created
   * but SQLite's own shared-memory file.
   */
  open?: 'create' | 'existing' | 'readonly';
  /** Flushes the WAL file to disk (tests replace it to hold or fail a sync). */
  syncWal?: WalSync;
}

type WalSync = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

/** The store's file does not exist, and the store was told not to create it. */
export class EventStoreMissingError extends Error {
  override readonly name = 'EventStoreMissingError';
}

/**
 * How often a subscribed store asks SQLite whether another process (another connection) has
 * committed: `PRAGMA data_version` reads a counter in shared memory, so this is cheap.
 */
export const EXTERNAL_APPEND_POLL_MS = 200;

/**
 * An event store in one SQLite file (WAL). Appends arriving in the same tick are group-committed:
 * one transaction and one fsync per batch, each append of several events in its own savepoint so
 * a conflicting append fails alone. An append resolves only once its batch has committed and the
 * WAL holding it is on disk.
 *
 * The commit itself runs on the event loop (SQLite is synchronous) but the fsync does not: the
 * connection runs with `synchronous=NORMAL` (no fsync at commit) and the store `fdatasync`s the
 * WAL file on libuv's thread pool before it acknowledges the batch, so a token request never waits
 * behind a disk flush (measured: 6–18 ms of blocked event loop per usage batch with
 * `synchronous=FULL`). The next batch is committed only after that fsync, so at most one batch is
 * committed but not yet durable; the WAL is append-only between checkpoints, so a synced batch
 * makes every earlier one durable too, and a checkpoint (SQLite syncs the WAL before copying it)
 * never moves unsynced frames into the database file.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly statements: EventStatements;
  private readonly notifier = new EventEmitter().setMaxListeners(0);
  private readonly commitBatch: (batch: PendingAppend[]) => Outcome[];
  private queue: PendingAppend[] = [];
  private scheduledFlush: NodeJS.Immediate | null = null;
  private closed = false;
  private commits = 0;
  private externalAppendPoll: NodeJS.Timeout | null = null;
  private dataVersion = 0;
  /** The WAL file, opened after the first commit (null for `:memory:`). */
  private walFd: number | null = null;
  /** The fsync of the last committed batch, while it runs. */
  private syncing: Promise<void> | null = null;
  private readonly syncWal: WalSync;

  /** `filename` is the database file (owner-only; its directory is created if missing) or ':memory:'. */
  constructor(
    private readonly filename: string,
    options: SqliteEventStoreOptions = {},
  ) {
    this.syncWal = options.syncWal ?? fdatasync;
    const open = options.open ?? 'create';
    if (open === 'create') preparePrivateDatabaseFile(filename);
    else if (!existsSync(filename)) throw new EventStoreMissingError(`There is no event store at ${filename}`);
    this.db = new Database(filename, { readonly: open === 'readonly', fileMustExist: open !== 'create' });
    if (open === 'readonly') this.db.pragma('busy_timeout = 5000');
    else configure(this.db);
    this.statements = prepareStatements(this.db);
    const inSavepoint = this.db.transaction((append: PendingAppend, createdAt: string) => this.write(append, createdAt));
    this.commitBatch = this.db.transaction((batch: PendingAppend[]): Outcome[] => {
      const createdAt = new Date().toISOString();
      return batch.map((append) => {
        try {
          // A single event is one INSERT, which SQLite undoes by itself when it fails: only an append of
          // several events needs a savepoint to fail whole (skipping it for one event: about 4% more appends/s with 32 writers).
          const result = append.events.length === 1 ? this.write(append, createdAt) : inSavepoint(append, createdAt);
          return { ok: true, result };
        } catch (error) {
          // Some failures (disk full, I/O) make SQLite roll back the whole transaction: fail the batch.
          if (!this.db.inTransaction) throw error;
          return { ok: false, error };
        }
      });
    }).immediate;
  }

  /** Number of transactions committed by group commit since this instance opened. */
  get committedTransactions(): number {
    return this.commits;
  }

  async appendToStream(streamName: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    validateAppendArguments(streamName, expected, events.length);
    const serialized = events.map<SerializedEvent>((event) => ({
      id: event.id ?? randomUUID(),
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata ?? {}),
    }));
    if (new Set(serialized.map((e) => e.id)).size !== serialized.length) {
      throw new InvalidEventStoreArgumentError(`Stream ${streamName}: event ids must be unique`);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamName, expected, events: serialized, resolve, reject });
      this.scheduledFlush ??= setImmediate(() => this.flush());
    });
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    validateStreamName(streamName);
    const rows = this.statements.readStream.all(streamName, options.fromRevision ?? 0, options.maxCount ?? -1);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.statements.readAll.all(options.after ?? 0, options.maxCount ?? -1).map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.watchExternalAppends();
    return runCatchUpSubscription(this, this.notifier, options);
  }

  async headPosition(): Promise<number | null> {
    this.assertOpen();
    return this.statements.headPosition.get() ?? null;
  }

  /** Commits the appends already queued and waits until they are on disk, then closes the database. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.externalAppendPoll) clearInterval(this.externalAppendPoll);
    while (this.syncing || this.queue.length > 0) {
      if (this.syncing) await this.syncing;
      else this.flush();
    }
    this.notifier.emit('close');
    this.db.close();
    if (this.walFd !== null) closeSync(this.walFd);
  }

  /**
   * Appends committed by another process (the operator's command, a second server on the same file)
   * wake the subscriptions too: SQLite's `data_version` changes when another connection commits.
   */
  private watchExternalAppends(): void {
    if (this.externalAppendPoll || this.filename === ':memory:') return;
    this.dataVersion = this.readDataVersion();
    this.externalAppendPoll = setInterval(() => {
      if (this.closed) return;
      let version: number;
      try {
        version = this.readDataVersion();
      } catch {
        return; // busy or closing: the next tick asks again
      }
      if (version === this.dataVersion) return;
      this.dataVersion = version;
      this.notifier.emit('append');
    }, EXTERNAL_APPEND_POLL_MS).unref();
  }

  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private flush(): void {
    if (this.scheduledFlush) clearImmediate(this.scheduledFlush);
    this.scheduledFlush = null;
    // Appends arriving while a batch is synced wait for the next batch (flushed when the sync ends).
    if (this.syncing) return;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;

    let outcomes: Outcome[];
    try {
      outcomes = this.commitBatch(batch);
      this.commits++;
    } catch (error) {
      const failure = new EventStoreUnavailableError('The append batch could not be committed', { cause: error });
      for (const append of batch) append.reject(failure);
      return;
    }
    const settle = (syncError: unknown) => {
      outcomes.forEach((outcome, i) => {
        if (syncError) batch[i].reject(new EventStoreUnavailableError('The append batch could not be written to disk', { cause: syncError }));
        else if (outcome.ok) batch[i].resolve(outcome.result);
        else batch[i].reject(asStoreError(outcome.error));
      });
      if (!syncError && outcomes.some((outcome) => outcome.ok)) this.notifier.emit('append');
    };
    const wal = this.walFile();
    if (wal === null) return settle(null);
    this.syncing = new Promise<void>((resolve) =>
      this.syncWal(wal, (error) => {
        this.syncing = null;
        settle(error);
        resolve();
        if (this.queue.length > 0 && !this.closed) this.flush();
      }),
    );
  }

  private walFile(): number | null {
    if (this.walFd === null && this.filename !== ':memory:') this.walFd = openSync(`${this.filename}-wal`, 'r');
    return this.walFd;
  }

  /** Runs inside the append's savepoint: a throw rolls back this append only. */
  private write({ streamName, expected, events }: PendingAppend, createdAt: string): AppendResult {
    const { insert, lastRevision, revisionOfId, idsFrom, positionAt } = this.statements;
    const ids = events.map((e) => e.id);
    const retried = findIdempotentRetry(ids, revisionOfId.get(streamName, ids[0]), (from, count) => idsFrom.all(streamName, from, count));
    if (retried !== null) return { nextRevision: retried, position: positionAt.get(streamName, retried)! };

    const current = lastRevision.get(streamName);
    assertExpectedRevision(streamName, expected, current ?? 'no_stream');
    let revision = current === undefined ? 0 : current + 1;
    let position = 0;
    for (const event of events) {
      try {
        position = Number(insert.run(streamName, revision, event.id, event.type, event.data, event.metadata, createdAt).lastInsertRowid);
      } catch (error) {
        if (sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new InvalidEventStoreArgumentError(`Stream ${streamName}: event id ${event.id} is already stored`);
        }
        throw error;
      }
      revision++;
    }
    return { nextRevision: revision - 1, position };
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

/** The SQLite result code of a driver error. Not `instanceof SqliteError`: test runners that reload modules get another class. */
function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

function asStoreError(error: unknown): unknown {
  return sqliteCode(error) ? new EventStoreUnavailableError((error as Error).message, { cause: error }) : error;
}
