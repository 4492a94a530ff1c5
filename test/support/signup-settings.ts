import { Global, Module, type Type } from '@nestjs/common';
import { DEFAULT_SIGNUP_SETTINGS, SIGNUP_SETTINGS, type SignupSettings } from '@latchkey/organizations';

/**
 * Test suites sign up and accept invitations far more often than 10 times in 10 minutes, all from
 * 127.0.0.1: they raise `SIGNUP_RATE_LIMIT`, as API.md allows. A suite that tests the throttle sets
 * its own.
 */
export const TEST_SIGNUP_RATE_LIMIT = '100000/600';

/** `SIGNUP`, `SETUP_TOKEN` and `SIGNUP_RATE_LIMIT` read as the application's configuration reads them. */
export function signupSettingsFrom(env: Record<string, string>): SignupSettings {
  const limit = /^(\d+)\/(\d+)$/.exec(env.SIGNUP_RATE_LIMIT ?? '');
  return {
    signup: env.SIGNUP === 'invite-only' ? 'invite-only' : 'open',
    ...(env.SETUP_TOKEN ? { setupToken: env.SETUP_TOKEN } : {}),
    signupRateLimit: limit ? { count: Number(limit[1]), seconds: Number(limit[2]) } : DEFAULT_SIGNUP_SETTINGS.signupRateLimit,
  };
}

/**
 * Provides `SIGNUP_SETTINGS` to the application under test, from the test's environment. Until the
 * application's configuration reads these variables itself (and provides the token from them),
 * this is how a suite sets them; afterwards both give the same settings.
 */
export function signupSettingsModule(env: Record<string, string>): Type {
  @Global()
  @Module({ providers: [{ provide: SIGNUP_SETTINGS, useValue: signupSettingsFrom(env) }], exports: [SIGNUP_SETTINGS] })
  class SignupSettingsModule {}
  return SignupSettingsModule;
}
