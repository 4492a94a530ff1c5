import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { TrustedProxies } from '@latchkey/building-blocks';
import {
  answerClientError,
  capConnectionsPerAddress,
  connectionsCheckingIntervalMs,
  httpServerFactory,
  MAX_CONNECTIONS_PER_ADDRESS,
} from './http-server';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** Opens a connection; settles with whether the server closed it within `ms`. */
async function closedWithin(port: number, ms: number): Promise<{ socket: Socket; closed: boolean }> {
  const socket = connect({ port, host: '127.0.0.1' });
  socket.on('error', () => undefined);
  const closed = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  return { socket, closed };
}

describe('the HTTP server', () => {
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('caps open connections per client address, and counts a closed one out', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    servers.push(server);
    const refused: string[] = [];
    capConnectionsPerAddress(server, { max: 3, exempt: () => false, onRefused: (address) => refused.push(address) });
    const port = await listen(server);

    const held = await Promise.all([1, 2, 3].map(() => closedWithin(port, 300)));
    sockets.push(...held.map((h) => h.socket));
    expect(held.map((h) => h.closed)).toEqual([false, false, false]);
    expect((await closedWithin(port, 2_000)).closed).toBe(true);
    expect(refused).toEqual(['127.0.0.1']);

    held[0].socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await closedWithin(port, 300);
    sockets.push(again.socket);
    expect(again.closed).toBe(false);
  });

  it('never caps a trusted proxy', async () => {
    const proxies = new TrustedProxies(['loopback']);
    const server = createServer((_req, res) => res.end('ok'));
    servers.push(server);
    capConnectionsPerAddress(server, { max: 2, exempt: (address) => proxies.isTrustedPeer(address) });
    const port = await listen(server);
    const held = await Promise.all([1, 2, 3, 4].map(() => closedWithin(port, 300)));
    sockets.push(...held.map((h) => h.socket));
    expect(held.map((h) => h.closed)).toEqual([false, false, false, false]);
  });

  it('is built with Node’s deadlines and the documented cap', () => {
    const factory = httpServerFactory({ requestTimeoutMs: 1_000, proxies: new TrustedProxies([]) });
    const server = factory((_req, res) => res.end(), { keepAliveTimeout: 72_000, connectionTimeout: 2_000 });
    expect(server.requestTimeout).toBe(1_000);
    expect(server.headersTimeout).toBe(1_000);
    expect(server.keepAliveTimeout).toBe(72_000);
    expect(server.timeout).toBe(2_000);
    expect(server.listenerCount('connection')).toBeGreaterThanOrEqual(2);
    expect(MAX_CONNECTIONS_PER_ADDRESS).toBe(256);
    expect(connectionsCheckingIntervalMs(15_000)).toBe(1_000);
    expect(connectionsCheckingIntervalMs(1_000)).toBe(100);
  });

  it('answers a request past its deadline 408 in problem+json, once, and closes', async () => {
    const written: string[] = [];
    const socket = {
      destroyed: false,
      writable: true,
      _httpMessage: null,
      end(data: string, done: () => void) {
        written.push(data);
        done();
      },
      destroy() {
        this.destroyed = true;
      },
    };
    answerClientError(Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket as unknown as Socket);
    expect(written).toHaveLength(1);
    const [head, body] = written[0].split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(head).toContain('Connection: close');
    expect(head).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(body)).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT', detail: 'The request did not arrive in time' });
    expect(socket.destroyed).toBe(true);
  });

  it('writes nothing on a connection whose answer has begun', () => {
    const written: string[] = [];
    const socket = {
      destroyed: false,
      writable: true,
      _httpMessage: { headersSent: true },
      end: (data: string) => written.push(data),
      destroy() {
        this.destroyed = true;
      },
    };
    answerClientError(Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket as unknown as Socket);
    expect(written).toEqual([]);
    expect(socket.destroyed).toBe(true);
  });
});
