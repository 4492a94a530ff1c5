export * from './token-issuance.queries';
