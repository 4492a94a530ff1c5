import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONSOLE_CSP, registerConsole } from './console-static';

const INDEX = '<!doctype html><title>Latchkey</title><script type="module" src="/assets/index-abc123.js"></script>';

async function serve(root: string): Promise<{ app: FastifyInstance; warnings: string[] }> {
  const warnings: string[] = [];
  const app = Fastify();
  app.get('/console/v1/me', async () => ({ id: 'u1' }));
  await registerConsole(app, { root, warn: (m) => warnings.push(m) });
  await app.ready();
  return { app, warnings };
}

describe('serving the console', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'latchkey-console-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('when built', () => {
    let app: FastifyInstance;
    beforeEach(async () => {
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'index.html'), INDEX);
      writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
      ({ app } = await serve(dir));
    });
    afterEach(() => app.close());

    it('answers / with index.html, never cached, under a strict policy', async () => {
      const res = await app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
      expect(CONSOLE_CSP).toContain("default-src 'self'");
      expect(CONSOLE_CSP).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    });

    it('answers a page of the console (a client-side route) with index.html when a browser asks', async () => {
      const res = await app.inject({ method: 'GET', url: '/credentials/abc?x=1', headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(INDEX);
    });

    it('answers the invitation page (its token is in the fragment, never sent) and an old-style invitation link with index.html', async () => {
      for (const url of ['/invitations', '/invitations/old-style-token']) {
        const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
        expect(res.statusCode).toBe(200);
        expect(res.body).toBe(INDEX);
      }
    });

    it('serves hashed assets with a long, immutable cache', async () => {
      const res = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it.each([
      ['a missing asset', '/assets/nope.js'],
      ['an unknown console API path', '/console/v1/nope'],
      ['an Auth API path', '/restapi/oauth/nope'],
      ['a sandbox path', '/sandbox/restapi/v1.0/account/~'],
      ['the docs', '/docs/nope'],
      ['a well-known path', '/.well-known/nope'],
      ['health', '/health/x'],
    ])('never answers %s with the console page', async (_name, url) => {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Latchkey</title>');
    });

    it('leaves non-HTML requests and other methods to the 404 handler', async () => {
      expect((await app.inject({ method: 'GET', url: '/credentials', headers: { accept: 'application/json' } })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: '/credentials', headers: { accept: 'text/html' } })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/console/v1/me' })).json()).toEqual({ id: 'u1' });
    });

    it('says the console is not built when index.html disappears (a rebuild in progress)', async () => {
      rmSync(join(dir, 'index.html'));
      const res = await app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('console is not built');
    });

    it.each(['/assets/../secret.txt', '/assets/%2e%2e/secret.txt', '/assets/..%2fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt'])(
      'refuses to serve files outside the assets folder: %s',
      async (url) => {
        writeFileSync(join(dir, 'secret.txt'), 'top secret');
        const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
        expect(res.body).not.toContain('top secret');
      },
    );
  });

  describe('when not built', () => {
    it('still starts, warns, and says so at /', async () => {
      const { app, warnings } = await serve(join(dir, 'missing'));
      try {
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain('npm run build');
        const res = await app.inject({ method: 'GET', url: '/' });
        expect(res.statusCode).toBe(503);
        expect(res.headers['content-type']).toMatch(/^text\/plain/);
        expect(res.body).toContain('console is not built');
        expect((await app.inject({ method: 'GET', url: '/console/v1/me' })).statusCode).toBe(200);
        expect((await app.inject({ method: 'GET', url: '/assets/index.js', headers: { accept: 'text/html' } })).statusCode).toBe(404);
      } finally {
        await app.close();
      }
    });
  });
});
