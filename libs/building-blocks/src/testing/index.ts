export * from './manual-clock';
export * from './redis-server';
export * from './throttle-store.contract';
export * from './validate-body';
