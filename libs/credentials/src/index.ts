export * from './credentials.module';
export * from './contracts';
