export * from './token-issuance.module';
