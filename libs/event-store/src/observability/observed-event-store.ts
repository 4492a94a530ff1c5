import { DURATION_BUCKETS_SECONDS, type HistogramSeries, type Metrics, secondsSince, type Tracing } from '@latchkey/building-blocks';
import type { AppendOptions, AppendResult, EventStore, NewEvent } from '../port/event-store.port';

/** The category of a stream (`credential` of `credential-<id>`): the one part of its name that goes into a span. */
const categoryOf = (streamName: string): string => {
  const dash = streamName.indexOf('-');
  return dash < 0 ? streamName : streamName.slice(0, dash);
};

/**
 * The event store with its appends measured (`latchkey_event_store_append_duration_seconds`,
 * failed appends included) and traced (one span per append, a child of the command's span).
 * Everything else is the adapter's own.
 */
export function observeEventStore(store: EventStore, metrics: Metrics, tracing: Tracing): EventStore {
  const appends = metrics
    .histogram({
      name: 'latchkey_event_store_append_duration_seconds',
      help: 'Time to append events to a stream, until the store acknowledged them as durable',
      labelNames: [],
      buckets: DURATION_BUCKETS_SECONDS,
    })
    .series({});
  return new ObservedEventStore(store, appends, tracing);
}

class ObservedEventStore implements EventStore {
  constructor(
    private readonly store: EventStore,
    private readonly appends: HistogramSeries,
    private readonly tracing: Tracing,
  ) {}

  appendToStream(streamName: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    if (!this.tracing.enabled) return this.timedAppend(streamName, events, options);
    return this.tracing.inSpan('event-store append', { 'latchkey.stream.category': categoryOf(streamName), 'latchkey.events': events.length }, () =>
      this.timedAppend(streamName, events, options),
    );
  }

  private async timedAppend(streamName: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    const startMs = performance.now();
    try {
      return await this.store.appendToStream(streamName, events, options);
    } finally {
      this.appends.observe(secondsSince(startMs));
    }
  }

  readStream: EventStore['readStream'] = (streamName, options) => this.store.readStream(streamName, options);
  readAll: EventStore['readAll'] = (options) => this.store.readAll(options);
  subscribeToAll: EventStore['subscribeToAll'] = (options) => this.store.subscribeToAll(options);
  headPosition: EventStore['headPosition'] = () => this.store.headPosition();
  close: EventStore['close'] = () => this.store.close();
}
