import type { Metrics } from '@latchkey/building-blocks';
import type { EventStore } from '../port/event-store.port';
import type { ProjectionRunner } from '../projections/projection-runner';

/** Past this many events a projection's lag is reported as this many: a scrape reads at most this much of the log. */
export const MAX_COUNTED_LAG = 10_000;

/**
 * `latchkey_projection_lag_events{projection}`: the events in the store that a projection has not
 * applied yet. Counted when scraped, by reading the log after each distinct checkpoint (positions
 * are not dense, so a difference of positions would not be a number of events).
 */
export function registerProjectionLag(metrics: Metrics, store: EventStore, runner: ProjectionRunner): void {
  metrics.gauge({
    name: 'latchkey_projection_lag_events',
    help: `Events not yet applied by each projection (at most ${MAX_COUNTED_LAG})`,
    labelNames: ['projection'],
    collect: async () => {
      const lagAfter = new Map<number | null, number>();
      const lags: [{ projection: string }, number][] = [];
      for (const { name, position } of runner.projectionCheckpoints()) {
        let lag = lagAfter.get(position);
        if (lag === undefined) {
          lag = (await store.readAll({ after: position, maxCount: MAX_COUNTED_LAG })).length;
          lagAfter.set(position, lag);
        }
        lags.push([{ projection: name }, lag]);
      }
      return lags;
    },
  });
}
