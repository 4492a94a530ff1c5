import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { isLingeringForRequestBody, toProblem, type TrustedProxies } from '@latchkey/building-blocks';

/**
 * Connections one client address may hold open at once; the next is closed as soon as it is
 * accepted. A trusted proxy's own address is never capped (its connections carry many clients).
 * Browsers open at most 6 per origin and SDKs a pool of a few; 256 leaves room for a busy NAT
 * while one host cannot hold thousands of stalled connections.
 */
export const MAX_CONNECTIONS_PER_ADDRESS = 256;

/** How often Node looks for requests past their deadline: often enough that a 408 comes close to it. */
export function connectionsCheckingIntervalMs(requestTimeoutMs: number): number {
  return Math.min(1_000, Math.max(50, Math.floor(requestTimeoutMs / 10)));
}

/** A connection that has sent nothing for this long (no request under way) is closed. */
export function idleConnectionTimeoutMs(requestTimeoutMs: number): number {
  return 2 * requestTimeoutMs;
}

export interface HttpServerSettings {
  requestTimeoutMs: number;
  proxies: TrustedProxies;
  maxConnectionsPerAddress?: number;
  /** Told when a connection is refused for the cap (the caller logs it, rate-limited). */
  onConnectionRefused?: (address: string) => void;
}

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** The Fastify options that `serverFactory` receives and that a factory must apply itself. */
interface FastifyServerOptions {
  keepAliveTimeout?: number;
  connectionTimeout?: number;
  maxRequestsPerSocket?: number;
}

/**
 * Fastify's `serverFactory`: the HTTP server with Node's own deadlines for slow requests. A request
 * whose headers (`headersTimeout`) or whole body (`requestTimeout`) have not arrived within
 * REQUEST_TIMEOUT_MS is answered 408 by `answerClientError` and its connection closed; Node checks
 * every `connectionsCheckingIntervalMs` (30 s by default, which would let a stalled request live
 * that much longer). This sits below every route, so it covers any request listener placed in
 * front of Fastify too. Fastify does not configure a server it did not create, so its keep-alive,
 * idle-connection and per-socket settings are applied here.
 */
export function httpServerFactory(settings: HttpServerSettings) {
  return (handler: RequestHandler, options: FastifyServerOptions): Server => {
    const server = createServer(
      {
        requestTimeout: settings.requestTimeoutMs,
        headersTimeout: settings.requestTimeoutMs,
        connectionsCheckingInterval: connectionsCheckingIntervalMs(settings.requestTimeoutMs),
      },
      handler,
    );
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    server.setTimeout(options.connectionTimeout ?? 0);
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    capConnectionsPerAddress(server, {
      max: settings.maxConnectionsPerAddress ?? MAX_CONNECTIONS_PER_ADDRESS,
      exempt: (address) => settings.proxies.isTrustedPeer(address),
      onRefused: settings.onConnectionRefused,
    });
    return server;
  };
}

/** IPv4 clients of a dual-stack listener appear as `::ffff:a.b.c.d`: one client, one count. */
function addressKey(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/** Closes each connection past `max` open ones from the same socket peer, unless `exempt` says otherwise. */
export function capConnectionsPerAddress(
  server: Server,
  options: { max: number; exempt: (address: string) => boolean; onRefused?: (address: string) => void },
): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const peer = socket.remoteAddress;
    if (peer === undefined || options.exempt(peer)) return;
    const key = addressKey(peer);
    const count = open.get(key) ?? 0;
    if (count >= options.max) {
      socket.destroy();
      options.onRefused?.(key);
      return;
    }
    open.set(key, count + 1);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
}

/** Node's errors for a request it could not finish reading, as the status answered for each. */
function clientErrorStatus(error: NodeJS.ErrnoException): number {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408;
    case 'HPE_HEADER_OVERFLOW':
      return 431;
    default:
      return 400;
  }
}

/**
 * Fastify's `clientErrorHandler`: what Node could not hand to Fastify as a request — a request past
 * REQUEST_TIMEOUT_MS (408), headers too large (431), bytes that are not HTTP (400). It is answered
 * in problem+json with `Connection: close` where the protocol still allows an answer (no answer has
 * begun on the connection), and the connection is closed. Nothing of the request is echoed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  // Already answered (a 413 sent while the body is drained): a second answer would corrupt the exchange.
  if (!socket.writable || (inFlight && inFlight.headersSent) || isLingeringForRequestBody(socket)) {
    socket.destroy();
    return;
  }
  const status = clientErrorStatus(error);
  // No request reached Fastify: the id is a fresh one.
  const requestId = randomUUID();
  const body = JSON.stringify(toProblem({ statusCode: status, code: error.code }, requestId).problem);
  const answer = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'Connection: close',
    `X-Request-Id: ${requestId}`,
    'Cache-Control: no-store',
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
  // Closed once the answer is written; unread input, if any, cannot hold it open.
  socket.end(answer, () => socket.destroy());
  setTimeout(() => socket.destroy(), 1_000).unref();
}
