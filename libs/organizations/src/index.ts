export * from './organizations.module';
export * from './contracts';
