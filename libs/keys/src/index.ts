export * from './contracts/keys.contracts';
export * from './contracts/issuers';
export * from './contracts/master-key';
export * from './jwt/sign-jwt';
export * from './key-ring/key-ring';
export * from './keys.module';
export * from './operations/key-ring-operations';
export * from './shared/master-key-file';
export { LEGACY_REFRESH_TOKEN_SECRET_FILE } from './shared/legacy-files/legacy-key-files';
