export * from './platform-api.module';
