import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface ComposeService {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService> };

  it('names the EventStoreDB and Latchkey services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['eventstoredb', 'latchkey']);
  });

  it('pins the EventStoreDB image to an exact version', () => {
    expect(compose.services.eventstoredb.image).toMatch(/^eventstore\/eventstore:\d+\.\d+\.\d+/);
  });

  it('runs Latchkey from the Dockerfile on the EventStoreDB store', () => {
    const latchkey = compose.services.latchkey;
    expect(latchkey.build).toBe('.');
    expect(latchkey.environment).toMatchObject({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: expect.stringMatching(/^esdb:\/\/eventstoredb:2113/),
      // Required with eventstoredb: the key ring in the store is sealed under it.
      MASTER_KEY_FILE: '/run/secrets/latchkey_master_key',
    });
    expect(latchkey.depends_on).toHaveProperty('eventstoredb');
    expect(readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8')).toContain('dist/apps/api/src/main.js');
  });
});
