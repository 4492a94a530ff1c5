/**
 * Who may sign up and found an organization, and how often an address may register.
 *
 * - `signup` (`SIGNUP`): `open`, anyone may sign up; `invite-only`, `POST /console/v1/signup`
 *   answers `403 SIGNUP_DISABLED`, except while no organization exists yet: then the one sign-up
 *   that bootstraps the installation must carry `setupToken` equal to `setupToken` here
 *   (`SETUP_TOKEN`).
 * - `signupRateLimit` (`SIGNUP_RATE_LIMIT`, `count/seconds`): sign-ups plus invitation acceptances
 *   allowed per client address per window, counting attempts (not only failures).
 *
 * The application provides it under `SIGNUP_SETTINGS` (from its configuration); without a provider
 * the organizations module uses `DEFAULT_SIGNUP_SETTINGS`.
 */
export interface SignupSettings {
  signup: SignupMode;
  setupToken?: string;
  signupRateLimit: { count: number; seconds: number };
}

export type SignupMode = 'open' | 'invite-only';

export const DEFAULT_SIGNUP_SETTINGS: Readonly<SignupSettings> = Object.freeze({
  signup: 'open',
  signupRateLimit: Object.freeze({ count: 10, seconds: 600 }),
});

/** Injection token of the `SignupSettings` (optional: `DEFAULT_SIGNUP_SETTINGS` without it). */
export const SIGNUP_SETTINGS = Symbol('latchkey:organizations:signup-settings');
