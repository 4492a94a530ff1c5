import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A 4xx raised by a Fastify plugin keeps its status: `@fastify/static` refusing a path that climbs
 * out of the assets directory is a 403 (or 404) problem, not a 500 with a stack trace in the log.
 * The console is served from a small build of the test's own.
 */
describe('errors of the static console assets', () => {
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'latchkey-console-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Latchkey</title>');
    writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log("console");');
    writeFileSync(join(root, 'assets', '.hidden'), 'not for clients');
    t = await startTestApp({ EVENT_STORE: 'memory' }, { consoleRoot: root });
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves an asset', async () => {
    const res = await request(t.server).get('/assets/app-1234.js').expect(200);
    expect(res.text).toContain('console');
  });

  it.each([
    '/assets/..%2f..%2fpackage.json',
    '/assets/..%2findex.html',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/assets/..%5c..%5cpackage.json',
    '/assets/.hidden',
  ])('GET %s is a 403 or 404 problem, and nothing unexpected is logged', async (path) => {
    const before = t.logs.length;
    const res = await request(t.server).get(path);
    expect([403, 404]).toContain(res.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: res.status, code: res.status === 403 ? 'FORBIDDEN' : 'NOT_FOUND' });
    expect(JSON.stringify(res.body)).not.toContain('package.json');
    expect(res.text).not.toContain('"name": "latchkey"');
    const logged = t.logs.slice(before).join('');
    expect(logged).not.toContain('Unexpected error');
    expect(logged).not.toMatch(/\n\s+at /);
    expect(logged).not.toContain('"stack"');
  });
});
