export * from './token-issuance.module';
export * from './contracts';
export { describeAuthApi } from './http/auth-api.openapi';
