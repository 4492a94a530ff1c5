import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:3000',
      dataDir: resolve('./data'),
      eventStore: 'sqlite',
      eventStoreConnectionString: undefined,
      logLevel: 'info',
      keysFile: resolve('./data/keys.json'),
    });
  });

  it('keeps keys in memory with the memory store unless KEYS_FILE is set', () => {
    expect(loadConfig({ EVENT_STORE: 'memory' }).keysFile).toBeNull();
    expect(loadConfig({ EVENT_STORE: 'memory', KEYS_FILE: '/secrets/keys.json' }).keysFile).toBe('/secrets/keys.json');
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
      loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }).eventStoreConnectionString,
    ).toBe('esdb://localhost:2113?tls=false');
  });

  it('rejects an out-of-range port', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(ConfigError);
  });
});
