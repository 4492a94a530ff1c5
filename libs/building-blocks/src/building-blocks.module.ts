import { type DynamicModule, Global, Module } from '@nestjs/common';
import { MemoryThrottleStores } from './throttling/memory-throttle-store';
import { RedisThrottleStores } from './throttling/redis-throttle-store';
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
          useFactory: (clock: Clock) => (throttleStore === 'memory' ? new MemoryThrottleStores(clock) : new RedisThrottleStores(throttleStore)),
        },
      ],
      exports: [Clock, ThrottleStores],
    };
  }
}
