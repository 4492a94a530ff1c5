import { type DynamicModule, Global, Module } from '@nestjs/common';
import { MemoryThrottleStores } from './throttling/memory-throttle-store';
import { ThrottleStores } from './throttling/throttle-store';
import { Clock, SystemClock } from './time/clock';

export interface BuildingBlocksOptions {
  /** `memory` (per instance, the default) or a `redis://…`/`rediss://…` URL shared by every instance. */
  throttleStore?: string;
  /** The clock every module reads (default: the system clock); tests and the fault harness pass their own to move time. */
  clock?: Clock;
}

/** The shared kernel's providers, for every module: one clock, and where throttles count. */
@Global()
@Module({})
export class BuildingBlocksModule {
  static forRoot(options: BuildingBlocksOptions = {}): DynamicModule {
    const throttleStore = options.throttleStore ?? 'memory';
    return {
      module: BuildingBlocksModule,
      global: true,
      providers: [
        options.clock ? { provide: Clock, useValue: options.clock } : { provide: Clock, useClass: SystemClock },
        {
          provide: ThrottleStores,
          inject: [Clock],
          // Closed by its onApplicationShutdown hook.
          useFactory: (clock: Clock) => (throttleStore === 'memory' ? new MemoryThrottleStores(clock) : redisThrottleStores(throttleStore)),
        },
      ],
      exports: [Clock, ThrottleStores],
    };
  }
}

/** Loaded only when a Redis URL is configured: the client adds about 2 MB to the heap of a server that does not use it. */
function redisThrottleStores(url: string): ThrottleStores {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RedisThrottleStores } = require('./throttling/redis-throttle-store') as typeof import('./throttling/redis-throttle-store');
  return new RedisThrottleStores(url);
}
