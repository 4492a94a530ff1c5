export * from './decider-spec';
export * from './event-store.contract';
export * from './eventually';
export * from './projection-spec';
export * from './esdb-double';
