import { randomUUID } from 'node:crypto';
import { startListeningTestApp, type ListeningTestApp } from './support/listening-app';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * TRUST_PROXY: behind a trusted reverse proxy, the client address every throttle and log line uses
 * is the right-most `X-Forwarded-For` address that is not a trusted proxy; from any other peer,
 * proxy headers are ignored. Client addresses are chosen per request with Fastify's inject
 * (`remoteAddress`), except where a real socket is needed.
 */
describe('client addresses behind a trusted proxy (TRUST_PROXY)', () => {
  jest.setTimeout(180_000);
  const proxy = '10.0.0.5';
  const untrustedPeer = '198.51.100.20';

  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '10.0.0.0/8, 2001:db8:ffff::/48', EVENT_STORE: 'memory' });
  });
  afterAll(() => t.close());

  const inject = (options: {
    method?: 'GET' | 'POST';
    url: string;
    payload?: string | object;
    remoteAddress: string;
    headers?: Record<string, string>;
  }) =>
    t.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'POST', ...options });

  /** A failed login (an account that does not exist) from `remoteAddress`, forwarded for `forwardedFor` if given. */
  async function failedLogin(remoteAddress: string, forwardedFor?: string): Promise<number> {
    const res = await inject({
      url: '/console/v1/sessions',
      payload: { email: `nobody-${randomUUID().slice(0, 8)}@example.test`, password: 'Wrong-Password-1x' },
      remoteAddress,
      headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    });
    return res.statusCode;
  }

  it('20 failed logins forwarded for one client lock that client, not another client of the same proxy', async () => {
    const client = '203.0.113.7';
    const statuses = await Promise.all(Array.from({ length: 20 }, () => failedLogin(proxy, `${client}`)));
    expect(statuses).toEqual(Array(20).fill(401));
    expect(await failedLogin(proxy, client)).toBe(429);
    // The same client through a second trusted hop is still the same client.
    expect(await failedLogin(proxy, `${client}, 10.9.9.9`)).toBe(429);
    // Another client behind the same proxy is not locked, and neither is the proxy's own address.
    expect(await failedLogin(proxy, '203.0.113.8')).toBe(401);
    expect(await failedLogin(proxy)).toBe(401);
  });

  it('works for IPv6 clients behind an IPv6 proxy', async () => {
    const client = '2001:db8:1::7';
    await Promise.all(Array.from({ length: 20 }, () => failedLogin('2001:db8:ffff::1', client)));
    expect(await failedLogin('2001:db8:ffff::1', client)).toBe(429);
    expect(await failedLogin('2001:db8:ffff::1', '2001:db8:1::8')).toBe(401);
  });

  it('from a peer that is not a trusted proxy, X-Forwarded-For is ignored: the peer itself is locked', async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => failedLogin(untrustedPeer, `192.0.2.${i + 1}`)));
    expect(statuses).toEqual(Array(20).fill(401));
    // A new forwarded address does not help the peer: it is locked whatever it claims.
    expect(await failedLogin(untrustedPeer, '192.0.2.200')).toBe(429);
    expect(await failedLogin(untrustedPeer)).toBe(429);
    // The addresses it claimed are not locked (reached through the trusted proxy).
    expect(await failedLogin(proxy, '192.0.2.1')).toBe(401);
  });

  /** A token request with a client that does not exist: a failed client authentication. */
  async function failedClientAuthentication(remoteAddress: string, forwardedFor: string) {
    const res = await inject({
      url: '/restapi/oauth/token',
      payload: 'grant_type=refresh_token&refresh_token=nothing',
      remoteAddress,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': forwardedFor,
        authorization: `Basic ${Buffer.from(`guess-${randomUUID()}:secret`).toString('base64')}`,
      },
    });
    return res.statusCode;
  }

  it('the token endpoint (through Fastify) throttles the forwarded client: 100 failures lock it, not another forwarded client', async () => {
    const statuses = await Promise.all(Array.from({ length: 100 }, () => failedClientAuthentication(proxy, '203.0.113.50')));
    expect(statuses).toEqual(Array(100).fill(401));
    expect(await failedClientAuthentication(proxy, '203.0.113.50')).toBe(429);
    expect(await failedClientAuthentication(proxy, '203.0.113.51')).toBe(401);
  });

  it('the request log line carries the client address as the throttles see it', async () => {
    const marker = randomUUID();
    await inject({
      method: 'GET',
      url: `/console/v1/me?m=${marker}`,
      remoteAddress: proxy,
      headers: { 'x-forwarded-for': '198.51.100.77', 'x-probe': marker },
    });
    await inject({
      method: 'GET',
      url: '/console/v1/me',
      remoteAddress: untrustedPeer,
      headers: { 'x-forwarded-for': '198.51.100.78', 'x-probe': marker },
    });
    const lines = t.logs
      .join('')
      .split('\n')
      .filter((line) => line.includes(marker))
      .map((line) => JSON.parse(line) as { req: { address?: string } });
    expect(lines.map((line) => line.req.address)).toEqual(['198.51.100.77', untrustedPeer]);
  });
});

describe('client addresses without TRUST_PROXY', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ EVENT_STORE: 'memory' });
  });
  afterAll(() => t.close());

  it('ignores X-Forwarded-For from every peer, loopback included', async () => {
    const login = (forwardedFor: string) =>
      t.app
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: 'POST',
          url: '/console/v1/sessions',
          payload: { email: `nobody-${randomUUID().slice(0, 8)}@example.test`, password: 'Wrong-Password-1x' },
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': forwardedFor },
        })
        .then((res) => res.statusCode);
    expect(await Promise.all(Array.from({ length: 20 }, (_, i) => login(`192.0.2.${i + 1}`)))).toEqual(Array(20).fill(401));
    expect(await login('192.0.2.250')).toBe(429);
  });
});

/** The same over real sockets: every token request takes the one Fastify route, with the resolved client address. */
describe('the token endpoint over real sockets behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  jest.setTimeout(120_000);
  let t: ListeningTestApp;
  beforeAll(async () => {
    t = await startListeningTestApp({ TRUST_PROXY: 'loopback', EVENT_STORE: 'memory', LOG_LEVEL: 'warn' });
  });
  afterAll(() => t.close());

  async function failedClientAuthentication(forwardedFor: string): Promise<number> {
    const res = await fetch(`${t.baseUrl}/restapi/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': forwardedFor,
        authorization: `Basic ${Buffer.from(`guess-${randomUUID()}:secret`).toString('base64')}`,
      },
      body: 'grant_type=refresh_token&refresh_token=nothing',
    });
    await res.arrayBuffer();
    return res.status;
  }

  it('100 failed client authentications forwarded for one client answer 429 for that client and not for another', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push(await failedClientAuthentication('203.0.113.60'));
    expect(statuses).toEqual(Array(100).fill(401));
    expect(await failedClientAuthentication('203.0.113.60')).toBe(429);
    expect(await failedClientAuthentication('203.0.113.61')).toBe(401);
  });
});
