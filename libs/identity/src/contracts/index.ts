export * from './console-principal';
export * from './identity.commands';
export * from './identity.queries';
