import { spawnApp } from './support/child-app';

/** The new settings are checked at boot by the real entry point: a bad value exits 78, naming the variable. */
describe('boot-time checks of the HTTP edge and sign-up settings', () => {
  jest.setTimeout(60_000);

  it.each([
    [{ TRUST_PROXY: '10.0.0.0/8,proxy.internal' }, 'TRUST_PROXY must be comma-separated IPs, CIDR ranges or loopback: "proxy.internal"'],
    [{ REQUEST_TIMEOUT_MS: 'soon' }, 'REQUEST_TIMEOUT_MS must be'],
    [{ SIGNUP: 'invite-only' }, 'SETUP_TOKEN is required when SIGNUP=invite-only'],
    [{ SIGNUP_RATE_LIMIT: '10 per minute' }, 'SIGNUP_RATE_LIMIT must be count/seconds'],
    [{ THROTTLE_STORE: 'memcached://cache:11211' }, 'THROTTLE_STORE must be memory or a redis:// or rediss:// URL'],
    [{ LOG_FORMAT: 'text' }, 'LOG_FORMAT must be one of json, pretty'],
    [{ METRICS_PORT: 'on' }, 'METRICS_PORT must be an integer, 0 (off) to 65535'],
  ])('%j exits 78', async (env, message) => {
    const app = await spawnApp({ EVENT_STORE: 'memory', ...env });
    const { code } = await app.exited;
    expect(code).toBe(78);
    expect(app.output()).toContain(message);
  });
});
