export * from './credential-jwt';
export * from './credentials.commands';
export * from './credentials.queries';
