export * from './default-permissions';
export * from './organizations.events';
export * from './organizations.queries';
export * from './signup-settings';
export * from './api-token-scopes';
export * from './organization-policy';
export * from './service-users';
export * from './member-footprint';
