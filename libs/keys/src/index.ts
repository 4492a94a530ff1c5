export * from './contracts/keys.contracts';
export * from './jwt/sign-jwt';
export * from './key-ring/key-ring';
export * from './keys.module';
