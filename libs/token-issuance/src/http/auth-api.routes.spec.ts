import Fastify, { type FastifyInstance } from 'fastify';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { EventStoreUnavailableError } from '@latchkey/event-store';
import { type Environment } from '@latchkey/building-blocks';
import type { AuthApiRequest } from '../shared/auth-api-request';
import { OAuthErrors } from '../shared/oauth-error';
import type { AnswerSummary } from './answer-counts';
import type { FailedAuthApiRequest } from './auth-api-answers';
import { type AuthApiEndpoints, authApiPlugin } from './auth-api.routes';

interface RawAnswer {
  status: number;
  /** Name/value pairs in the order they were written, without the connection's own (Date, Connection, Keep-Alive). */
  headers: [string, string][];
  body: string;
}

const FORM = 'application/x-www-form-urlencoded';
/** Another form Content-Type the endpoint accepts. */
const OTHER_FORM = 'application/x-www-form-urlencoded; charset=utf8';
const BASIC = `Basic ${Buffer.from('client:secret').toString('base64')}`;

/** What the fake token endpoint does, by the form's `case` parameter. */
function token(environment: Environment, request: AuthApiRequest): Promise<unknown> {
  const which = request.params.get('case');
  if (which === 'sync-throw') throw new Error('thrown before any promise');
  return (async () => {
    switch (which) {
      case 'invalid-grant':
        throw OAuthErrors.invalidGrant('OAU-213', 'The credential is revoked, deleted or unknown');
      case 'invalid-client':
        throw OAuthErrors.invalidClient().withHeaders({ 'www-authenticate': `Basic realm="Latchkey ${environment}", charset="UTF-8"` });
      case 'rate-limited':
        throw OAuthErrors.rateLimited(7);
      case 'unavailable':
        throw new EventStoreUnavailableError('the store is down');
      case 'boom':
        throw new Error('secret internal detail');
      default:
        return {
          access_token: 'header.payload.signature',
          token_type: 'bearer',
          expires_in: 3600,
          scope: 'ReadAccounts EditAccounts',
          owner_id: environment === 'production' ? '100000000000001' : '200000000000001',
          endpoint_id: request.params.get('endpoint_id') ?? 'generated',
          // what the endpoint was given
          seen: {
            authorization: request.authorization ?? null,
            address: request.address,
            correlated: request.correlationId.length > 0,
            // No accessor: one in a per-request object literal kept every request for the young generation's GCs.
            plainData: Object.values(Object.getOwnPropertyDescriptors(request)).every((property) => 'value' in property),
          },
        };
    }
  })();
}

const endpoints: AuthApiEndpoints = {
  token,
  revoke: async () => undefined,
  introspect: async () => ({ active: false }),
  jwks: () => ({ keys: [] }),
  metadata: (environment) => ({ issuer: environment }),
};

describe('Auth API routes', () => {
  let app: FastifyInstance;
  let port: number;
  /** Requests that went through Fastify's pipeline (its onRequest hooks). */
  let throughFastify: number;
  let failed: FailedAuthApiRequest[];
  let summaries: (AnswerSummary & { intervalSeconds: number })[];
  let unexpected: string[];

  beforeEach(async () => {
    throughFastify = 0;
    failed = [];
    summaries = [];
    unexpected = [];
    app = Fastify();
    app.addHook('onRequest', async () => {
      throughFastify++;
    });
    await app.register(
      authApiPlugin(endpoints, {
        error: (message) => unexpected.push(message),
        failedRequest: (request) => failed.push(request),
        answers: (summary) => summaries.push(summary),
      }),
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });

  afterEach(async () => {
    if (app.server.listening) await app.close();
  });

  function send(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          headers: body === undefined ? headers : { 'content-length': String(Buffer.byteLength(body)), ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const pairs: [string, string][] = [];
            for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i].toLowerCase(), res.rawHeaders[i + 1]]);
            resolve({
              status: res.statusCode!,
              headers: pairs.filter(([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)),
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const post = (path: string, params: Record<string, string>, headers: Record<string, string> = {}) =>
    send('POST', path, { 'content-type': FORM, authorization: BASIC, ...headers }, form(params));
  const postOtherForm = (path: string, params: Record<string, string>, headers: Record<string, string> = {}) =>
    send('POST', path, { 'content-type': OTHER_FORM, authorization: BASIC, ...headers }, form(params));

  describe('token requests go through Fastify’s pipeline, with the same answer for every form Content-Type and as inject() gets it', () => {
    it.each([
      ['a token', { case: 'ok', endpoint_id: 'device-1' }],
      ['invalid_grant', { case: 'invalid-grant' }],
      ['invalid_client with WWW-Authenticate', { case: 'invalid-client' }],
      ['rate_limited with Retry-After', { case: 'rate-limited' }],
      ['a store that is unavailable', { case: 'unavailable' }],
      ['an unexpected failure', { case: 'boom' }],
      ['an endpoint that throws at once', { case: 'sync-throw' }],
    ])('%s', async (_name, params) => {
      for (const path of ['/restapi/oauth/token', '/sandbox/restapi/oauth/token']) {
        const before = throughFastify;
        const answer = await post(path, params);
        expect(throughFastify).toBe(before + 1);
        const otherForm = await postOtherForm(path, params);
        expect(throughFastify).toBe(before + 2);
        expect(answer).toEqual(otherForm);
        const injected = await app.inject({
          method: 'POST',
          url: path,
          headers: { 'content-type': FORM, authorization: BASIC },
          payload: form(params),
        });
        expect({ status: injected.statusCode, body: injected.body }).toEqual({ status: answer.status, body: answer.body });
      }
    });

    it('reads a body that arrives in several pieces', async () => {
      const body = `${form({ case: 'ok' })}&endpoint_id=${'e'.repeat(3000)}`;
      const answer = await new Promise<string>((resolve) => {
        let received = '';
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            `POST /restapi/oauth/token HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: ${FORM}\r\nContent-Length: ${body.length}\r\n\r\n`,
          );
          socket.write(body.slice(0, 1000));
          setTimeout(() => socket.write(body.slice(1000, 2000)), 10);
          setTimeout(() => socket.end(body.slice(2000)), 20);
        });
        socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
        socket.on('close', () => resolve(received));
      });
      expect(answer).toMatch(/^HTTP\/1.1 200 OK\r\n/);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
        endpoint_id: 'e'.repeat(3000),
        seen: { authorization: null },
      });
      expect(throughFastify).toBe(1);
    });

    it('answers a form that is not valid with invalid_request, whatever the form Content-Type', async () => {
      for (const bad of ['case=ok&case=again', 'a=%zz', '=x', 'a[b]=1']) {
        const before = throughFastify;
        const answer = await send('POST', '/restapi/oauth/token', { 'content-type': FORM }, bad);
        expect(throughFastify).toBe(before + 1);
        expect(answer).toEqual(await send('POST', '/restapi/oauth/token', { 'content-type': OTHER_FORM }, bad));
        expect(answer.status).toBe(400);
      }
    });

    it('gives the endpoint the Authorization header, the client address and a correlation id, as plain data', async () => {
      const answer = await post('/restapi/oauth/token', { case: 'ok' });
      expect(JSON.parse(answer.body).seen).toEqual({ authorization: BASIC, address: '127.0.0.1', correlated: true, plainData: true });
    });
  });

  it.each([
    [
      'another Content-Type the endpoint accepts',
      'POST',
      '/restapi/oauth/token',
      { 'content-type': 'Application/X-WWW-Form-URLEncoded' },
      form({ case: 'ok' }),
      200,
    ],
    ['no Content-Type', 'POST', '/restapi/oauth/token', {}, form({ case: 'ok' }), 400],
    ['a JSON body', 'POST', '/restapi/oauth/token', { 'content-type': 'application/json' }, '{"case":"ok"}', 400],
    ['a query string', 'POST', '/restapi/oauth/token?x=1', { 'content-type': FORM }, form({ case: 'ok' }), 200],
    ['a body over the limit', 'POST', '/restapi/oauth/token', { 'content-type': FORM }, `case=ok&pad=${'x'.repeat(17 * 1024)}`, 413],
    ['an empty body', 'POST', '/restapi/oauth/token', { 'content-type': FORM }, '', 200],
    ['another method', 'GET', '/restapi/oauth/token', {}, undefined, 405],
    ['another path', 'POST', '/restapi/oauth/tokens', { 'content-type': FORM }, form({ case: 'ok' }), 404],
  ])('answers other requests through the same routes: %s', async (_name, method, path, headers, body, status) => {
    const before = throughFastify;
    const answer = await send(method, path, headers, body);
    expect(answer.status).toBe(status);
    expect(throughFastify).toBe(before + 1);
  });

  it('reads a chunked body', async () => {
    const answer = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/restapi/oauth/token', headers: { 'content-type': FORM } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write('case=ok');
      req.end();
    });
    expect(answer).toBe(200);
    expect(throughFastify).toBe(1);
  });

  it('names the form type among its body parsers, which Fastify then finds without parsing the header per request', async () => {
    const outer = Fastify();
    let parsers: boolean[] = [];
    await outer.register(async (scope) => {
      await authApiPlugin(endpoints, { error: () => undefined, failedRequest: () => undefined, answers: () => undefined })(scope);
      parsers = [scope.hasContentTypeParser(FORM), scope.hasContentTypeParser('application/json')];
    });
    await outer.ready();
    await outer.close();
    // Other types are read by the catch-all (the tests above post JSON and unnamed types).
    expect(parsers).toEqual([true, false]);
  });

  it('survives a client that goes away in the middle of its body', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`POST /restapi/oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nContent-Length: 100\r\n\r\ncase=ok`);
        setTimeout(() => socket.destroy(), 20);
      });
      socket.on('close', () => resolve());
    });
    expect((await post('/restapi/oauth/token', { case: 'ok' })).status).toBe(200);
  });

  it('logs each 5xx answer with its request, never a header or a body, and counts the answers by status', async () => {
    await post('/restapi/oauth/token', { case: 'boom' });
    await postOtherForm('/sandbox/restapi/oauth/token?assertion=secret', { case: 'unavailable' });
    await post('/restapi/oauth/token', { case: 'ok' });
    await post('/restapi/oauth/token', { case: 'invalid-client' });
    expect(failed).toEqual([
      { id: expect.any(String), method: 'POST', path: '/restapi/oauth/token', statusCode: 500, responseTimeMs: expect.any(Number) },
      { id: expect.any(String), method: 'POST', path: '/sandbox/restapi/oauth/token', statusCode: 503, responseTimeMs: expect.any(Number) },
    ]);
    expect(unexpected).toEqual(['Unexpected error in the Auth API']);
    expect(JSON.stringify(failed)).not.toContain('secret');
    await app.close();
    expect(summaries).toEqual([{ intervalSeconds: 60, total: 4, byStatus: { 200: 1, 401: 1, 500: 1, 503: 1 } }]);
  });
});
