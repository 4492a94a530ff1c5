export * from './platform-api.module';
export { describePlatformApi } from './http/platform-api.openapi';
