export * from './organizations.events';
export * from './organizations.queries';
