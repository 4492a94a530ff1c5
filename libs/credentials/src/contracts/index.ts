export * from './credentials.commands';
export * from './credentials.queries';
