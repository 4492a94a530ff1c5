export * from './webhooks.module';
export * from './contracts';
