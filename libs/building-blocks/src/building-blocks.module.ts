import { Global, Module } from '@nestjs/common';
import { MemoryThrottleStores } from './throttling/memory-throttle-store';
import { ThrottleStores } from './throttling/throttle-store';
import { Clock, SystemClock } from './time/clock';

/** The shared kernel's providers, for every module: one clock, and where throttles count. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: ThrottleStores, inject: [Clock], useFactory: (clock: Clock) => new MemoryThrottleStores(clock) },
  ],
  exports: [Clock, ThrottleStores],
})
export class BuildingBlocksModule {}
