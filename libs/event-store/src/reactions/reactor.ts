import type { RecordedEvent } from '../port/event-store.port';

/**
 * Reacts to events of the global log with side effects (commands, integration events). Fed at
 * least once, in position order, from a checkpointed subscription: `react` must be idempotent.
 */
export interface Reactor {
  readonly name: string;
  handles(event: RecordedEvent): boolean;
  react(event: RecordedEvent): Promise<void>;
}
