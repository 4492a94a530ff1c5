export * from './audit.module';
export * from './contracts';
