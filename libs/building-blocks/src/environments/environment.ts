/** The two environments one process serves, each under its own path prefix, issuer, keys and user ids. */
export type Environment = 'production' | 'sandbox';

export const ENVIRONMENTS: readonly Environment[] = ['production', 'sandbox'];

/** Path prefix of each environment's Auth API and Platform API (production at the root). */
export const ENVIRONMENT_PREFIX: Readonly<Record<Environment, string>> = { production: '', sandbox: '/sandbox' };

export const isEnvironment = (value: unknown): value is Environment => value === 'production' || value === 'sandbox';

export const otherEnvironment = (environment: Environment): Environment => (environment === 'production' ? 'sandbox' : 'production');
