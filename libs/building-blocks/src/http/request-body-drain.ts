import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/**
 * How much of a refused body is read and thrown away after the answer went out. A client that sends
 * its whole body before reading the answer (a reverse proxy buffering the request, Python's
 * http.client) must still receive a `413`: closing the connection while it is sending resets it
 * (EPIPE, ECONNRESET) before it reads anything. Bodies up to 10 MiB are read to their end; past 10
 * MiB or 5 seconds the connection is closed.
 */
export const BODY_DRAIN_LIMITS = { maxBytes: 10 * 1024 * 1024, maxMs: 5_000 } as const;

export interface BodyDrainLimits {
  maxBytes: number;
  maxMs: number;
}

export type BodyDrainOutcome =
  /** The body has ended (or had already): the client has sent everything. */
  | 'complete'
  /** The declared or received length passed `maxBytes`. */
  | 'too-large'
  /** `maxMs` passed first. */
  | 'timeout'
  /** The client went away. */
  | 'closed';

/** Connections whose answer went out while their request body is still being drained. */
const lingering = new WeakSet<Socket>();

/**
 * Reads and discards the rest of a request's body, bounded in bytes and time, and settles once the
 * body has ended or a bound is reached (never rejects). A body declared longer than `maxBytes` is
 * not read at all.
 */
export function drainRequestBody(request: IncomingMessage, limits: BodyDrainLimits = BODY_DRAIN_LIMITS): Promise<BodyDrainOutcome> {
  if (request.complete || request.readableEnded) return Promise.resolve('complete');
  if (request.destroyed) return Promise.resolve('closed');
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) return Promise.resolve('too-large');

  return new Promise<BodyDrainOutcome>((resolve) => {
    let received = 0;
    const finish = (outcome: BodyDrainOutcome) => {
      clearTimeout(timer);
      request.removeListener('data', onData);
      request.removeListener('end', onEnd);
      request.removeListener('close', onClose);
      request.removeListener('error', onClose);
      if (outcome !== 'complete') request.pause();
      resolve(outcome);
    };
    const onData = (chunk: Buffer | string) => {
      received += chunk.length;
      if (received > limits.maxBytes) finish('too-large');
    };
    const onEnd = () => finish('complete');
    const onClose = () => finish(request.complete ? 'complete' : 'closed');
    const timer = setTimeout(() => finish('timeout'), limits.maxMs);
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('close', onClose);
    request.on('error', onClose);
    request.resume();
  });
}

/**
 * For an answer about to be sent before the request's body was read to its end (a `413`): the HTTP
 * edge's one rule, so that the client receives it. Answers what the answer's `Connection` header
 * must be:
 *
 * - `'keep-open'`: the answer must not say `Connection: close`. It goes out at once (a client that
 *   reads while it sends, as `fetch` and curl do, stops sending and has its answer), while the rest
 *   of the body is read and discarded — the connection lingers — so a client that reads only after
 *   sending everything finishes sending and then reads it. Once the body has ended the connection
 *   serves further requests as usual; past `limits` it is closed.
 * - `'close'`: the body is declared longer than `limits.maxBytes`, so it is not worth reading: the
 *   answer says `Connection: close` and the connection is closed after it.
 *
 * Fastify's answers get this from `installBodyDrain`; code answering raw Node requests in front of
 * Fastify calls it itself, before writing the head of its answer.
 */
export function lingerForRequestBody(request: IncomingMessage, limits: BodyDrainLimits = BODY_DRAIN_LIMITS): 'keep-open' | 'close' {
  if (request.complete) return 'keep-open';
  const declared = Number(request.headers['content-length']);
  if (request.destroyed || (Number.isFinite(declared) && declared > limits.maxBytes)) return 'close';
  const socket = request.socket;
  lingering.add(socket);
  void drainRequestBody(request, limits).then((outcome) => {
    lingering.delete(socket);
    // (Fastify's inject has a stand-in socket without destroy: nothing to close there.)
    if (outcome !== 'complete') (socket as Partial<Socket>).destroy?.();
  });
  return 'keep-open';
}

/**
 * Whether a connection's answer already went out while its request body is being drained. Node's
 * request deadline can expire then; no second answer (a `408`) may be written on it, it is only closed.
 */
export function isLingeringForRequestBody(socket: Socket): boolean {
  return lingering.has(socket);
}

/**
 * Applies `lingerForRequestBody` to every `413` that Fastify sends — its body limits (the console's
 * JSON limit, the Auth and Platform APIs' form limit) or a route's own. Install it on the root
 * instance before any plugin or route is registered, so that every encapsulated scope inherits it.
 * Other answers pay one comparison.
 */
export function installBodyDrain(fastify: FastifyInstance, limits: BodyDrainLimits = BODY_DRAIN_LIMITS): void {
  fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
    if (reply.statusCode === 413 && !request.raw.complete) {
      // Fastify asks for `Connection: close` when it refuses a body it has not read to its end.
      if (lingerForRequestBody(request.raw, limits) === 'keep-open') reply.removeHeader('connection');
      else reply.header('connection', 'close');
    }
    done(null, payload);
  });
}
