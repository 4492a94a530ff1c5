import { SetMetadata } from '@nestjs/common';
import type { DueItem } from './schedule-table';

/**
 * Does what one item of a schedule says is due, by appending to the event store through a decider,
 * so that the expected revision decides between instances and retries: a job that runs twice (two
 * instances, or again after a crash before its event reached the read models) must decide nothing
 * the second time. Answers the position of what it appended, or null when it decided nothing.
 */
export interface ScheduledJob<P = unknown> {
  /** The schedule whose items this job runs (the name its projection puts items under). */
  readonly schedule: string;
  run(item: DueItem<P>): Promise<number | null>;
}

export const SCHEDULED_JOB_METADATA = 'latchkey:scheduled-job';

/** Marks a provider as a scheduled job: the event-store module finds it and runs its schedule's due items. */
export const ScheduledJob = (): ClassDecorator => SetMetadata(SCHEDULED_JOB_METADATA, true);
