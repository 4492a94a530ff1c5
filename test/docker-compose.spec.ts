import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface ComposeService {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
  ports?: string[];
  networks?: string[];
  restart?: string;
  healthcheck?: { test: string[]; start_period: string };
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, ComposeService>;
    networks?: Record<string, unknown>;
  };

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

  it('keeps EventStoreDB on the internal network only, never a published port', () => {
    const eventstore = compose.services.eventstoredb;
    expect(eventstore.ports).toBeUndefined();
    expect(eventstore.networks).toEqual(['internal']);
    expect(compose.networks?.internal).toEqual({ internal: true });
  });

  it('restarts both services and gives Latchkey a health check with a start period long enough for a rebuild', () => {
    for (const service of Object.values(compose.services)) expect(service.restart).toBe('unless-stopped');
    const health = compose.services.latchkey.healthcheck!;
    expect(health.test.join(' ')).toContain('/ready');
    expect(parseInt(health.start_period, 10)).toBeGreaterThanOrEqual(120);
    expect(readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8')).toMatch(/HEALTHCHECK [^\n]*--start-period=\d{3}s/);
  });

  it('runs the image on production dependencies only: no TypeScript or Nest CLI at run time', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).not.toEqual(expect.arrayContaining(['typescript']));
    expect(Object.keys(manifest.dependencies)).not.toEqual(expect.arrayContaining(['@nestjs/cli']));
    expect(readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8')).toContain('npm prune --omit=dev');
  });
});
