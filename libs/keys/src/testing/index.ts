export * from './in-memory-key-ring';
