import { SetMetadata } from '@nestjs/common';
import type { DomainEvent } from '../decider/decider';
import type { Recorded } from '../projections/projection';

/**
 * Reacts to events of the global log with side effects (commands, integration events). Fed at
 * least once, in position order, from a checkpointed subscription: `react` must be idempotent.
 * The runner hands it only events whose type is in `eventTypes` (and that `handles` accepts).
 */
export interface Reactor<E extends DomainEvent = DomainEvent> {
  readonly name: string;
  readonly eventTypes: readonly E['type'][];
  /** A further filter on the events of those types (e.g. by stream). */
  handles?(event: Recorded<E>): boolean;
  react(event: Recorded<E>): Promise<void>;
}

export const REACTOR_METADATA = 'latchkey:reactor';

/** Marks a provider as a reactor: the event-store module finds it and feeds it from the log. */
export const Reactor = (): ClassDecorator => SetMetadata(REACTOR_METADATA, true);
