export * from './organizations.module';
