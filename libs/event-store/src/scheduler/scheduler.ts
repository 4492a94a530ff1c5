import type { Clock } from '@latchkey/building-blocks';
import type { ReadModelDb } from '../projections/projection';
import type { ProjectionRunner } from '../projections/projection-runner';
import type { ScheduledJob } from './scheduled-job';
import { ScheduleTable } from './schedule-table';

export interface SchedulerOptions {
  /** How often due items are looked for (default 5 s): at most one batch per job per tick. */
  intervalMs?: number;
  /** Items per job per tick (default 100). */
  batchSize?: number;
}

interface Logger {
  error(message: string, error: unknown): void;
}

/** How long an item whose job decided nothing is left alone before it is tried again (its event may still be on its way). */
const IDLE_RETRY_MS = 60_000;

/**
 * A durable scheduler driven by the log. What is due lives in the read-model database
 * (`ScheduleTable`), kept by projections from events; "now" is the injected `Clock`. Every tick,
 * once the read models have caught up, each job gets its schedule's due items, one at a time; the
 * scheduler then waits until the read models include what the jobs appended, so the next tick sees
 * the items moved or removed. A crash loses nothing: an item stays due until the event that
 * settles it is in the log, and a job run again decides nothing. Several instances may run the
 * same items: the expected revision of each append lets one of them win.
 */
export class Scheduler {
  private readonly jobs: ScheduledJob[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  /** Items whose job decided nothing, by schedule, key, due time and payload: when they were tried. */
  private readonly idle = new Map<string, number>();

  constructor(
    private readonly db: ReadModelDb,
    private readonly projections: ProjectionRunner,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: SchedulerOptions = {},
  ) {}

  register(job: ScheduledJob): void {
    this.jobs.push(job);
  }

  start(): void {
    if (this.timer || this.jobs.length === 0) return;
    const tick = () => void this.runDue().catch((error: unknown) => this.logger.error('Scheduled jobs failed; trying again at the next tick', error));
    this.timer = setInterval(tick, this.options.intervalMs ?? 5_000);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Runs one batch of every job's due items (one run at a time); answers how many items were run. */
  runDue(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.runBatches().finally(() => (this.running = null));
    return this.running;
  }

  private async runBatches(): Promise<number> {
    // A schedule behind the log could run what an event already settled.
    if (!this.projections.caughtUp) return 0;
    let ran = 0;
    let last: number | null = null;
    for (const job of this.jobs) {
      const nowMs = this.clock.nowMs();
      const items = ScheduleTable.due(this.db, job.schedule, new Date(nowMs).toISOString(), this.options.batchSize ?? 100);
      for (const item of items) {
        const signature = `${item.schedule}\u0000${item.key}\u0000${item.dueAt}\u0000${JSON.stringify(item.payload)}`;
        const triedAt = this.idle.get(signature);
        if (triedAt !== undefined && nowMs - triedAt < IDLE_RETRY_MS) continue;
        const position = await job.run(item);
        ran++;
        if (position === null) this.idle.set(signature, nowMs);
        else last = Math.max(last ?? position, position);
      }
    }
    if (this.idle.size > 10_000) this.idle.clear();
    await this.projections.waitFor(last);
    return ran;
  }
}
