/** The two environments one process serves, each under its own path prefix and issuer. */
export type Environment = 'production' | 'sandbox';

export const ENVIRONMENTS: readonly Environment[] = ['production', 'sandbox'];

/** Path prefix of each environment's Auth API and Platform API (production at the root). */
export const ENVIRONMENT_PREFIX: Readonly<Record<Environment, string>> = { production: '', sandbox: '/sandbox' };

export const otherEnvironment = (environment: Environment): Environment => (environment === 'production' ? 'sandbox' : 'production');
