import type { ReadModelDb } from '../projections/projection';

export const SCHEDULE_TABLE = 'sched_items';

const UPSERT_ITEM = `INSERT INTO ${SCHEDULE_TABLE} (schedule, key, due_at, payload) VALUES (?, ?, ?, ?)
       ON CONFLICT (schedule, key) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload`;
const DELETE_ITEM = `DELETE FROM ${SCHEDULE_TABLE} WHERE schedule = ? AND key = ?`;

/** An item of a schedule that is due: what a job receives. */
export interface DueItem<P = unknown> {
  schedule: string;
  key: string;
  dueAt: string;
  payload: P;
}

/**
 * The due items of every schedule, in the read-model database. A projection keeps its schedule's
 * items here from the events it applies (inside the runner's transaction, with its checkpoint), so
 * what is due is always derived from the log: an item is put when an event makes something due,
 * moved when a later event changes when, and removed when the event that did it (or made it moot)
 * is applied. Nothing here records that a job ran: the event the job appends does.
 */
export const ScheduleTable = {
  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${SCHEDULE_TABLE} (
        schedule TEXT NOT NULL,
        key TEXT NOT NULL,
        due_at TEXT NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY (schedule, key)
      );
      CREATE INDEX IF NOT EXISTS ${SCHEDULE_TABLE}_by_due ON ${SCHEDULE_TABLE} (schedule, due_at);
    `);
  },

  /** Removes every item of one schedule (the projection that owns it is rebuilt). */
  clear(db: ReadModelDb, schedule: string): void {
    db.prepare(`DELETE FROM ${SCHEDULE_TABLE} WHERE schedule = ?`).run(schedule);
  },

  /** Makes `key` due at `dueAt` (ISO time) with `payload`, replacing what was due for it. */
  put(db: ReadModelDb, schedule: string, key: string, dueAt: string, payload: unknown): void {
    db.prepare(UPSERT_ITEM).run(schedule, key, dueAt, JSON.stringify(payload));
  },

  remove(db: ReadModelDb, schedule: string, key: string): void {
    db.prepare(DELETE_ITEM).run(schedule, key);
  },

  /** Items due at `now` or earlier, earliest first. */
  due<P>(db: ReadModelDb, schedule: string, now: string, limit: number): DueItem<P>[] {
    const rows = db
      .prepare(`SELECT key, due_at, payload FROM ${SCHEDULE_TABLE} WHERE schedule = ? AND due_at <= ? ORDER BY due_at, key LIMIT ?`)
      .all(schedule, now, limit) as { key: string; due_at: string; payload: string }[];
    return rows.map((r) => ({ schedule, key: r.key, dueAt: r.due_at, payload: JSON.parse(r.payload) as P }));
  },
};
