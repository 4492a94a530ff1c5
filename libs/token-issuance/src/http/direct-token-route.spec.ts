import { createServer, request as httpRequest, type Server } from 'node:http';
import { DirectTokenRoute } from './direct-token-route';

describe('DirectTokenRoute', () => {
  let server: Server;
  let port: number;
  let route: DirectTokenRoute;
  let answeredDirectly: number;

  beforeEach(async () => {
    answeredDirectly = 0;
    // stands for Fastify's request listener
    server = createServer((_req, res) => res.end('fastify'));
    route = new DirectTokenRoute(
      { production: '/restapi/oauth/token', sandbox: '/sandbox/restapi/oauth/token' },
      {
        token: async (environment) => ({ environment }),
        toOAuthError: () => {
          throw new Error('not expected');
        },
        answered: () => answeredDirectly++,
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (path: string) =>
    new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '3' } },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve(body));
        },
      );
      req.on('error', reject);
      req.end('a=b');
    });

  it('answers its two paths in front of the server’s own listener, and leaves the rest to it', async () => {
    expect(route.install(server)).toBe(true);
    expect(await post('/restapi/oauth/token')).toBe('{"environment":"production"}');
    expect(await post('/sandbox/restapi/oauth/token')).toBe('{"environment":"sandbox"}');
    expect(await post('/restapi/oauth/revoke')).toBe('fastify');
    expect(answeredDirectly).toBe(2);
  });

  it('leaves every request to the server’s listener once closed', async () => {
    route.install(server);
    route.close();
    expect(await post('/restapi/oauth/token')).toBe('fastify');
    expect(answeredDirectly).toBe(0);
  });

  it('installs nothing on a server without exactly one request listener', async () => {
    server.on('request', () => undefined);
    expect(route.install(server)).toBe(false);
    expect(server.listeners('request')).toHaveLength(2);
  });
});
