import type { ReadModelDb } from '@latchkey/event-store';

/**
 * Rows held while building from zero before they are written anyway: a bound on the memory a build
 * takes (the list's and the two schedules' rows of 100,000 credentials add about 75 MiB).
 */
const HELD_ROWS_LIMIT = 250_000;

/**
 * The rows a projection's batch of events touched, by key, as the events left them (`null`: no
 * row). Each is read once a batch and then changed in memory; the projection writes them at the
 * end of the batch (`Projection.endBatch`) and clears them.
 *
 * While the read models are built from zero (`beginBuild` … `endBuild`), the rows stay in memory
 * from batch to batch (`holding`), up to a limit, so each is written once, in key order.
 */
export class BatchRows<R> {
  private readonly rows = new Map<string, R | null>();
  private building = false;

  /** `select` reads one row by its key. */
  constructor(
    private readonly select: string,
    private readonly heldRowsLimit = HELD_ROWS_LIMIT,
  ) {}

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

  /** The rows by key, in key order (writes land beside each other in the table's key index). */
  inKeyOrder(): [string, R | null][] {
    return [...this.rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  clear(): void {
    this.rows.clear();
  }

  beginBuild(): void {
    this.building = true;
  }

  endBuild(): void {
    this.building = false;
  }

  /** True when the batch that ended leaves its rows in memory: building from zero, under the limit. */
  get holding(): boolean {
    return this.building && this.rows.size < this.heldRowsLimit;
  }
}
