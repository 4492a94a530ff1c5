export * from './credentials.module';
export * from './contracts';
export { CredentialsClock } from './shared/credentials-clock';
