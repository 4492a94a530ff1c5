import type { ReadModelDb } from '@latchkey/event-store';

/**
 * The rows a projection's batch of events touched, by key, as the events left them (`null`: no
 * row). Each is read once a batch and then changed in memory; the projection writes them at the
 * end of the batch (`Projection.endBatch`) and clears them.
 */
export class BatchRows<R> {
  private readonly rows = new Map<string, R | null>();

  /** `select` reads one row by its key. */
  constructor(private readonly select: string) {}

  /** The row as this batch left it so far. */
  of(db: ReadModelDb, key: string): R | null {
    let row = this.rows.get(key);
    if (row === undefined) {
      row = (db.prepare(this.select).get(key) as R | undefined) ?? null;
      this.rows.set(key, row);
    }
    return row;
  }

  set(key: string, row: R | null): void {
    this.rows.set(key, row);
  }

  entries(): IterableIterator<[string, R | null]> {
    return this.rows.entries();
  }

  clear(): void {
    this.rows.clear();
  }
}
