export * from './console-principal';
export * from './identity.commands';
export * from './identity.events';
export * from './identity.queries';
export * from './secret-sealer';
export * from './account-security';
export * from './api-tokens';
export * from './api-token.response';
