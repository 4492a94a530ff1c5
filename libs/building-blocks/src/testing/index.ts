export * from './manual-clock';
export * from './validate-body';
