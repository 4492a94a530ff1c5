import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MasterKey } from '@latchkey/keys';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({}, false)).toEqual({
      port: 3000,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:3000',
      dataDir: resolve('./data'),
      eventStore: 'sqlite',
      eventStoreConnectionString: undefined,
      logLevel: 'info',
      logFormat: 'json',
      metrics: { port: 9464, host: '127.0.0.1' },
      otlpEndpoint: null,
      keysFile: resolve('./data/keys.json'),
      masterKey: null,
      trustProxy: [],
      requestTimeoutMs: 15_000,
      signup: 'open',
      setupToken: null,
      signupRateLimit: { count: 10, windowSeconds: 600 },
      throttleStore: 'memory',
      webhooksAllowPrivate: [],
    });
  });

  it('writes pretty lines to a terminal and JSON elsewhere, unless LOG_FORMAT says', () => {
    expect(loadConfig({}, true).logFormat).toBe('pretty');
    expect(loadConfig({}, false).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, false).logFormat).toBe('pretty');
  });

  it.each(['text', 'JSON', 'ecs'])('refuses LOG_FORMAT=%s, naming the variable', (value) => {
    expect(() => loadConfig({ LOG_FORMAT: value })).toThrow('LOG_FORMAT must be one of json, pretty');
  });

  it('serves metrics on METRICS_HOST:METRICS_PORT, never on the public port, and not at all with METRICS_PORT=0', () => {
    expect(loadConfig({ METRICS_PORT: '9100', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({ port: 9100, host: '0.0.0.0' });
    expect(loadConfig({ METRICS_PORT: '0' }).metrics).toBeNull();
    expect(() => loadConfig({ PORT: '9100', METRICS_PORT: '9100' })).toThrow('METRICS_PORT must differ from PORT (9100)');
    for (const bad of ['-1', '65536', 'on', '9464x']) expect(() => loadConfig({ METRICS_PORT: bad })).toThrow('METRICS_PORT must be an integer');
  });

  it('traces only with OTEL_EXPORTER_OTLP_ENDPOINT, an http(s) URL', () => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).otlpEndpoint).toBe('http://collector:4318');
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow('OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL');
  });

  it('imports no key file with the memory store', () => {
    expect(loadConfig({ EVENT_STORE: 'memory' }).keysFile).toBeNull();
    expect(loadConfig({ EVENT_STORE: 'memory', KEYS_FILE: '/secrets/keys.json' }).keysFile).toBeNull();
    expect(loadConfig({ KEYS_FILE: '/secrets/keys.json' }).keysFile).toBe('/secrets/keys.json');
  });

  describe('the master key', () => {
    const key = MasterKey.generate();
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'latchkey-config-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads MASTER_KEY or MASTER_KEY_FILE', () => {
      expect(loadConfig({ MASTER_KEY: key.toBase64() }).masterKey?.id).toBe(key.id);
      writeFileSync(join(dir, 'master'), `${key.toBase64()}\n`);
      expect(loadConfig({ MASTER_KEY_FILE: join(dir, 'master') }).masterKey?.id).toBe(key.id);
    });

    it.each<[Record<string, string>, string]>([
      [{ MASTER_KEY: 'c2hvcnQ=' }, 'MASTER_KEY must be 32 bytes in base64'],
      [{ MASTER_KEY: `${'*'.repeat(43)}=` }, 'MASTER_KEY must be 32 bytes in base64'],
      [{ MASTER_KEY_FILE: '/nonexistent/master.key' }, 'MASTER_KEY_FILE /nonexistent/master.key cannot be read (ENOENT)'],
      [
        { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' },
        'MASTER_KEY (or MASTER_KEY_FILE) is required when EVENT_STORE=eventstoredb',
      ],
    ])('refuses %j, naming the variable and never its value', (env, message) => {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(message);
      if (env.MASTER_KEY) expect((error as Error).message).not.toContain(env.MASTER_KEY);
    });

    it('refuses both at once', () => {
      expect(() => loadConfig({ MASTER_KEY: key.toBase64(), MASTER_KEY_FILE: '/x' })).toThrow('Set MASTER_KEY or MASTER_KEY_FILE, not both');
    });
  });

  it('reads every variable and derives PUBLIC_URL from PORT', () => {
    expect(loadConfig({ PORT: '8080', HOST: '127.0.0.1', DATA_DIR: '/tmp/x', EVENT_STORE: 'memory', LOG_LEVEL: 'warn' })).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:8080',
      dataDir: '/tmp/x',
      eventStore: 'memory',
      logLevel: 'warn',
    });
    expect(loadConfig({ PUBLIC_URL: 'https://auth.example.com/' }).publicUrl).toBe('https://auth.example.com');
  });

  it('fails fast naming every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', EVENT_STORE: 'postgres', PUBLIC_URL: 'not a url', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT must be an integer');
    expect(message).toContain('EVENT_STORE must be one of sqlite, eventstoredb, memory');
    expect(message).toContain('PUBLIC_URL must be an http(s) URL');
    expect(message).toContain('LOG_LEVEL must be one of');
  });

  it('requires a connection string for eventstoredb', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING is required/);
    expect(
      loadConfig({
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
        MASTER_KEY: MasterKey.generate().toBase64(),
      }).eventStoreConnectionString,
    ).toBe('esdb://localhost:2113?tls=false');
  });

  it('rejects an out-of-range port', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(ConfigError);
  });

  /** The message of the ConfigError that `env` causes (fails the test when there is none). */
  function configErrorOf(env: Record<string, string>): string {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
  }

  describe('TRUST_PROXY', () => {
    it.each([
      ['loopback', ['loopback']],
      ['10.0.0.1', ['10.0.0.1']],
      ['10.0.0.0/8, 192.168.1.7', ['10.0.0.0/8', '192.168.1.7']],
      ['loopback,fd00::/8,2001:db8::1', ['loopback', 'fd00::/8', '2001:db8::1']],
      ['::ffff:10.0.0.1', ['::ffff:10.0.0.1']],
    ])('accepts %j', (value, entries) => {
      expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(entries);
    });

    it.each([
      ['proxy.internal', '"proxy.internal" is not an IP address'],
      ['10.0.0.1,,10.0.0.2', 'an entry is empty'],
      ['10.0.0.0/33', 'prefix length that is not 1 to 32'],
      ['0.0.0.0/0', 'prefix length that is not 1 to 32'],
      ['fd00::/129', 'prefix length that is not 1 to 128'],
      ['10', '"10" is not an IP address'],
      ['10.0.0.0/255.0.0.0', 'prefix length'],
      ['300.1.1.1', 'is not an IP address'],
      ['linklocal', 'is not an IP address'],
      ['10.0.0.1 10.0.0.2', 'is not an IP address'],
    ])('refuses %j, naming the variable and the entry', (value, problem) => {
      const message = configErrorOf({ TRUST_PROXY: value });
      expect(message).toContain('TRUST_PROXY must be comma-separated IPs, CIDR ranges or loopback');
      expect(message).toContain(problem);
    });

    it('is empty (no proxy trusted) when unset or empty', () => {
      expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toEqual([]);
    });
  });

  describe('REQUEST_TIMEOUT_MS', () => {
    it('defaults to 15 s and reads a value in range', () => {
      expect(loadConfig({}).requestTimeoutMs).toBe(15_000);
      expect(loadConfig({ REQUEST_TIMEOUT_MS: '1000' }).requestTimeoutMs).toBe(1000);
      expect(loadConfig({ REQUEST_TIMEOUT_MS: '600000' }).requestTimeoutMs).toBe(600_000);
    });

    it.each(['soon', '1.5', '-1', '0', '99', '600001', '1e4'])('refuses %j', (value) => {
      expect(configErrorOf({ REQUEST_TIMEOUT_MS: value })).toContain('REQUEST_TIMEOUT_MS must be');
    });
  });

  describe('SIGNUP, SETUP_TOKEN and SIGNUP_RATE_LIMIT', () => {
    const token = 'a-setup-token-of-32-characters!!';

    it('sign-up is open by default, with no setup token and 10 per 600 s', () => {
      expect(loadConfig({})).toMatchObject({ signup: 'open', setupToken: null, signupRateLimit: { count: 10, windowSeconds: 600 } });
    });

    it('invite-only needs SETUP_TOKEN', () => {
      expect(configErrorOf({ SIGNUP: 'invite-only' })).toContain('SETUP_TOKEN is required when SIGNUP=invite-only');
      expect(loadConfig({ SIGNUP: 'invite-only', SETUP_TOKEN: token })).toMatchObject({ signup: 'invite-only', setupToken: token });
    });

    it('refuses a short setup token, in either mode, without echoing it', () => {
      const message = configErrorOf({ SIGNUP: 'invite-only', SETUP_TOKEN: 'short-secret' });
      expect(message).toContain('SETUP_TOKEN must be at least 16 characters');
      expect(message).not.toContain('short-secret');
      expect(configErrorOf({ SETUP_TOKEN: 'short-secret' })).toContain('SETUP_TOKEN must be at least 16 characters');
      expect(loadConfig({ SETUP_TOKEN: token }).setupToken).toBe(token);
    });

    it('refuses an unknown mode', () => {
      expect(configErrorOf({ SIGNUP: 'closed' })).toContain('SIGNUP must be one of open, invite-only');
    });

    it('reads SIGNUP_RATE_LIMIT as count/seconds', () => {
      expect(loadConfig({ SIGNUP_RATE_LIMIT: '1000/60' }).signupRateLimit).toEqual({ count: 1000, windowSeconds: 60 });
      expect(loadConfig({ SIGNUP_RATE_LIMIT: '1/86400' }).signupRateLimit).toEqual({ count: 1, windowSeconds: 86_400 });
    });

    it.each(['10', '10/', '/600', '0/600', '10/0', 'ten/600', '10/600/1', ' 10/600', '10.5/600'])('refuses SIGNUP_RATE_LIMIT %j', (value) => {
      expect(configErrorOf({ SIGNUP_RATE_LIMIT: value })).toContain('SIGNUP_RATE_LIMIT must be count/seconds, e.g. 10/600');
    });

    it('refuses a window longer than a day', () => {
      expect(configErrorOf({ SIGNUP_RATE_LIMIT: '10/86401' })).toContain("SIGNUP_RATE_LIMIT's window must be at most 86400 seconds");
    });
  });

  describe('THROTTLE_STORE', () => {
    it.each(['memory', 'redis://localhost:6379', 'redis://:a-password@redis.internal:6380/2', 'rediss://user:pw@redis.example.com'])(
      'accepts %j',
      (value) => {
        expect(loadConfig({ THROTTLE_STORE: value }).throttleStore).toBe(value);
      },
    );

    it('is memory when unset or empty', () => {
      expect(loadConfig({ THROTTLE_STORE: '' }).throttleStore).toBe('memory');
    });

    it.each(['redis', 'redis://', 'Memory', 'http://redis:6379', 'redis//host', 'valkey://host', 'redis://host name', 'memcached://host:11211'])(
      'refuses %j',
      (value) => {
        expect(configErrorOf({ THROTTLE_STORE: value })).toContain('THROTTLE_STORE must be memory or a redis:// or rediss:// URL');
      },
    );

    it.each(['rediss:///0', 'redis://:secret-password@', 'redis://:secret-password@:6379'])('refuses %j, a URL without a host', (value) => {
      const message = configErrorOf({ THROTTLE_STORE: value });
      expect(message).toContain('THROTTLE_STORE must be a URL with a host');
      expect(message).not.toContain('secret-password');
    });

    it('never echoes a refused value, which may carry a password', () => {
      expect(configErrorOf({ THROTTLE_STORE: 'http://:secret-password@redis:6379' })).not.toContain('secret-password');
    });
  });

  it('names every bad variable of the new ones in one message', () => {
    const message = configErrorOf({ TRUST_PROXY: 'nope', REQUEST_TIMEOUT_MS: 'x', SIGNUP: 'invite-only', SIGNUP_RATE_LIMIT: 'x' });
    for (const name of ['TRUST_PROXY', 'REQUEST_TIMEOUT_MS', 'SETUP_TOKEN', 'SIGNUP_RATE_LIMIT']) expect(message).toContain(name);
  });

  describe('WEBHOOKS_ALLOW_PRIVATE', () => {
    it('reads comma-separated addresses and CIDR ranges', () => {
      expect(loadConfig({ WEBHOOKS_ALLOW_PRIVATE: '10.0.0.0/8, 127.0.0.1,fd00::/8' }, false).webhooksAllowPrivate).toEqual([
        '10.0.0.0/8',
        '127.0.0.1',
        'fd00::/8',
      ]);
    });

    it.each(['true', '10.0.0.0/33', '10.0.0/8', 'fe80::/129'])('refuses %p', (value) => {
      expect(() => loadConfig({ WEBHOOKS_ALLOW_PRIVATE: value }, false)).toThrow(
        /WEBHOOKS_ALLOW_PRIVATE must be comma-separated IP addresses or CIDR ranges/,
      );
    });
  });
});
