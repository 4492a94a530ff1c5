import Fastify, { type FastifyInstance } from 'fastify';
import { connect, type Socket } from 'node:net';
import { type Environment } from '@latchkey/building-blocks';
import type { AuthApiRequest } from '../shared/auth-api-request';
import { OAuthErrors } from '../shared/oauth-error';
import { type AuthApiEndpoints, authApiPlugin } from './auth-api.routes';

/** One answer as read off the socket: the status line, the header lines in order (Date masked) and the body. */
interface WireAnswer {
  statusLine: string;
  headers: string[];
  body: string;
}

const FORM = 'application/x-www-form-urlencoded';
/** Fastify's answer to what Node's HTTP parser refuses (its `clientError` handler), before any route. */
const CLIENT_ERROR = '{"error":"Bad Request","message":"Client Error","statusCode":400}';

/**
 * The token route over real sockets, with the application's server options (`apps/api/src/bootstrap.ts`):
 * keep-alive and pipelined connections, bodies in several packets, wrong lengths, and a closing server.
 */
describe('Auth API token route over real sockets', () => {
  let app: FastifyInstance;
  let port: number;
  /** Requests that went through Fastify's pipeline (its onRequest hooks). */
  let throughFastify: number;
  /** Token requests held by the endpoint until released (the form's `case=hold`). */
  let held: (() => void)[];

  const token = (environment: Environment, request: AuthApiRequest): Promise<unknown> => {
    const which = request.params.get('case');
    if (which === 'invalid-grant') return Promise.reject(OAuthErrors.invalidGrant('OAU-213', 'The credential is revoked, deleted or unknown'));
    if (which === 'invalid-client') return Promise.reject(OAuthErrors.invalidClient());
    const answer = { access_token: `token-${request.params.get('n') ?? '0'}`, environment, length: request.params.get('pad')?.length ?? 0 };
    if (which !== 'hold') return Promise.resolve(answer);
    return new Promise((resolve) => held.push(() => resolve(answer)));
  };
  const endpoints: AuthApiEndpoints = {
    token,
    revoke: async () => undefined,
    introspect: async () => ({ active: false }),
    jwks: () => ({ keys: [] }),
    metadata: (environment) => ({ issuer: environment }),
  };

  beforeEach(async () => {
    throughFastify = 0;
    held = [];
    app = Fastify({ return503OnClosing: true, forceCloseConnections: 'idle' });
    app.addHook('onRequest', async () => {
      throughFastify++;
    });
    await app.register(authApiPlugin(endpoints, { error: () => undefined, failedRequest: () => undefined, answers: () => undefined }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });

  afterEach(async () => {
    held.forEach((release) => release());
    await app.close();
  });

  const request = (body: string, { path = '/restapi/oauth/token', close = false, length = Buffer.byteLength(body) } = {}) =>
    `POST ${path} HTTP/1.1\r\nHost: x\r\n${close ? 'Connection: close\r\n' : ''}Content-Type: ${FORM}\r\nContent-Length: ${length}\r\n\r\n${body}`;

  /** A connection that reads answers as they come. */
  function open(): Promise<{ socket: Socket; answers: (count: number) => Promise<WireAnswer[]>; closed: Promise<WireAnswer[]> }> {
    return new Promise((resolve) => {
      let received = Buffer.alloc(0);
      const parsed: WireAnswer[] = [];
      let waiting: { count: number; resolve: (answers: WireAnswer[]) => void } | null = null;
      let onClose: (answers: WireAnswer[]) => void = () => undefined;
      const closed = new Promise<WireAnswer[]>((r) => (onClose = r));
      const socket = connect(port, '127.0.0.1', () =>
        resolve({
          socket,
          answers: (count) =>
            new Promise((r) => {
              waiting = { count, resolve: r };
              deliver();
            }),
          closed,
        }),
      );
      const deliver = () => {
        if (waiting && parsed.length >= waiting.count) {
          const { count, resolve: r } = waiting;
          waiting = null;
          r(parsed.splice(0, count));
        }
      };
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        for (;;) {
          const end = received.indexOf('\r\n\r\n');
          if (end < 0) break;
          const [statusLine, ...headers] = received.subarray(0, end).toString('latin1').split('\r\n');
          const length = Number(headers.find((h) => /^content-length:/i.test(h))?.split(':')[1] ?? 0);
          if (received.length < end + 4 + length) break;
          const body = received.subarray(end + 4, end + 4 + length).toString('utf8');
          received = received.subarray(end + 4 + length);
          parsed.push({ statusLine, headers: headers.map((h) => (/^date:/i.test(h) ? 'Date: (now)' : h)), body });
        }
        deliver();
      });
      socket.on('error', () => undefined);
      socket.on('close', () => onClose(parsed));
    });
  }

  const ok = (n: number) =>
    expect.objectContaining({
      statusLine: 'HTTP/1.1 200 OK',
      body: JSON.stringify({ access_token: `token-${n}`, environment: 'production', length: 0 }),
    });

  it('answers several requests one after the other on a kept-alive connection', async () => {
    const connection = await open();
    connection.socket.write(request('case=ok&n=1'));
    const [first] = await connection.answers(1);
    expect(first).toEqual({
      statusLine: 'HTTP/1.1 200 OK',
      headers: [
        'cache-control: no-store',
        'pragma: no-cache',
        'content-type: application/json; charset=utf-8',
        'content-length: 64',
        'Date: (now)',
        'Connection: keep-alive',
        'Keep-Alive: timeout=72',
      ],
      body: '{"access_token":"token-1","environment":"production","length":0}',
    });
    connection.socket.write(request('case=invalid-grant'));
    const [second] = await connection.answers(1);
    expect(second.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(second.body)).toMatchObject({ error: 'invalid_grant', errors: [{ errorCode: 'OAU-213' }] });
    connection.socket.write(request('case=invalid-client', { path: '/sandbox/restapi/oauth/token' }));
    const [third] = await connection.answers(1);
    expect(third.statusLine).toBe('HTTP/1.1 401 Unauthorized');
    connection.socket.write(request('case=ok&n=4', { close: true }));
    expect(await connection.answers(1)).toEqual([ok(4)]);
    expect(await connection.closed).toEqual([]);
    expect(throughFastify).toBe(4);
  });

  it('answers pipelined requests in order, a held one holding back those behind it', async () => {
    const connection = await open();
    connection.socket.write(
      request('case=hold&n=1') + request('case=ok&n=2') + request('case=invalid-grant') + request('case=ok&n=4', { close: true }),
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(held).toHaveLength(1);
    held[0]();
    const answers = await connection.closed;
    expect(answers.map((a) => a.statusLine)).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK', 'HTTP/1.1 400 Bad Request', 'HTTP/1.1 200 OK']);
    expect([answers[0], answers[1], answers[3]]).toEqual([ok(1), ok(2), ok(4)]);
    expect(throughFastify).toBe(4);
  });

  it('reads a body that arrives in several packets, the headers in one and the body in three', async () => {
    const pad = 'p'.repeat(3000);
    const body = `case=ok&n=1&pad=${pad}`;
    const connection = await open();
    const whole = request(body, { close: true });
    const head = whole.length - body.length;
    connection.socket.write(whole.slice(0, head));
    for (const [from, to] of [
      [0, 7],
      [7, 2000],
      [2000, body.length],
    ]) {
      await new Promise((r) => setTimeout(r, 10));
      connection.socket.write(body.slice(from, to));
    }
    const [answer] = await connection.closed;
    expect(answer.statusLine).toBe('HTTP/1.1 200 OK');
    expect(JSON.parse(answer.body)).toEqual({ access_token: 'token-1', environment: 'production', length: 3000 });
    expect(throughFastify).toBe(1);
  });

  it('reads no more than Content-Length says: the bytes after it are the next request on the connection', async () => {
    const connection = await open();
    connection.socket.write(request('case=ok&n=1GE', { length: 'case=ok&n=1'.length }));
    expect(await connection.answers(1)).toEqual([ok(1)]);
    connection.socket.write('T /restapi/oauth/jwks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const answers = await connection.closed;
    expect(answers.map((a) => [a.statusLine, a.body])).toEqual([['HTTP/1.1 200 OK', '{"keys":[]}']]);
    expect(throughFastify).toBe(2);
  });

  it('closes the connection with 400 on bytes that are not a request', async () => {
    const connection = await open();
    connection.socket.write(request('case=ok&n=1', { length: 'case=ok&n=1'.length - 2 }) + '??');
    expect(await connection.closed).toEqual([{ statusLine: 'HTTP/1.1 400 Bad Request', headers: expect.any(Array), body: CLIENT_ERROR }]);
  });

  it('answers a body shorter than its Content-Length, its sender having finished, as a malformed request', async () => {
    const connection = await open();
    connection.socket.end(request('case=ok', { length: 20 }));
    expect(await connection.closed).toEqual([{ statusLine: 'HTTP/1.1 400 Bad Request', headers: expect.any(Array), body: CLIENT_ERROR }]);
  });

  it('answers a Content-Length over the body limit with 413 before reading the body, and closes the connection', async () => {
    const connection = await open();
    connection.socket.write(request('case=ok', { length: 100_000 }));
    const answers = await connection.closed;
    expect(answers.map((a) => a.statusLine)).toEqual(['HTTP/1.1 413 Payload Too Large']);
    expect(answers[0].headers[0]).toBe('connection: close');
    expect(JSON.parse(answers[0].body)).toMatchObject({ error: 'invalid_request', error_description: 'Request body is larger than 16384 bytes' });
  });

  it('answers 503 and closes a kept-alive connection that sends a request while the server closes, after the request it was serving', async () => {
    const connection = await open();
    connection.socket.write(request('case=hold&n=1'));
    await new Promise((r) => setTimeout(r, 50));
    expect(held).toHaveLength(1);
    const closing = app.close();
    connection.socket.write(request('case=ok&n=2'));
    await new Promise((r) => setTimeout(r, 50));
    held[0]();
    const answers = await connection.closed;
    await closing;
    expect(answers.map((a) => a.statusLine)).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 503 Service Unavailable']);
    expect(answers[0]).toEqual(ok(1));
    expect(answers[1].headers).toContain('Connection: close');
  });
});
