export * from './identity.module';
export * from './contracts';
