export * from './contracts/keys.contracts';
export * from './contracts/issuers';
export * from './jwt/sign-jwt';
export * from './key-ring/key-ring';
export * from './keys.module';
