import { randomUUID } from 'node:crypto';
import { type CommandResult, type EventStore, fold, handleCommand, type RecordedEvent } from '@latchkey/event-store';
import { KEY_RING_STREAM } from '../contracts/keys.contracts';
import { type KeyRingCommand, keyRingDecider } from '../domain/key-ring/key-ring.decider';
import type { KeyRingEvent } from '../domain/key-ring/key-ring.events';
import type { KeyRingState } from '../domain/key-ring/key-ring.state';

export interface LoadedKeyRing {
  state: KeyRingState;
  events: RecordedEvent[];
  /** Revision of the last event of the stream; null while it does not exist. */
  revision: number | null;
}

/** The key ring's stream: read and folded, or a command decided and appended at the expected revision. */
export class KeyRingRepository {
  /** `origin` goes into the events' metadata: who changed the ring (the server at start, the operator's command). */
  constructor(
    private readonly store: EventStore,
    private readonly origin: string,
  ) {}

  async load(): Promise<LoadedKeyRing> {
    const events = await this.store.readStream(KEY_RING_STREAM);
    return {
      state: fold(keyRingDecider, events as unknown as KeyRingEvent[]),
      events,
      revision: events.length === 0 ? null : events[events.length - 1].revision,
    };
  }

  /** Decides against the current stream and appends; a concurrent writer makes it read again and decide again. */
  execute(command: KeyRingCommand): Promise<CommandResult<KeyRingState, KeyRingEvent>> {
    return handleCommand(this.store, keyRingDecider, KEY_RING_STREAM, command, { metadata: { correlationId: randomUUID(), origin: this.origin } });
  }
}
