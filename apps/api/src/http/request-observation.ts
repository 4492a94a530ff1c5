import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify';
import type { Logger } from 'pino';
import { type CounterSeries, type HttpSurface, httpRequests, type Metrics, REQUEST_ID_HEADER } from '@latchkey/building-blocks';
import { loggableRequest, requestLogLevel } from '../logging/logger-options';
import { enterRequestScope, leaveRequestScope, type RequestScope, requestScope } from '../observability/request-scope';
import { surfaceOf } from './surfaces';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the request observation's first hook while the request is in flight; null for a request that carries no scope (Auth API and probe requests when not tracing). */
    latchkeyScope: RequestScope | null;
  }
}

/** The server span of one request, when tracing. */
export interface RequestTrace {
  /** The context in which the request's work runs (the span's). */
  context: unknown;
  end(statusCode: number, aborted: boolean): void;
}

export interface RequestObservationOptions {
  logger: Logger;
  metrics: Metrics;
  /** Starts a request's server span; null when not tracing. */
  traceRequest: ((request: FastifyRequest) => RequestTrace) | null;
}

/**
 * Request ids, request lines, answers counted and (when tracing) server spans, from Fastify's own
 * hooks: no Nest middleware, so no middie on any route.
 *
 * Every answer gets `X-Request-Id`. Console, Platform API and other requests get one line when
 * answered ("request completed", or "request aborted" when the client left first) with the
 * request as `loggableRequest` has it, status and response time; the code serving them logs
 * through a child logger bound to the request id (found through `requestScope`, which is on only
 * while such a request is in flight). The probes are counted but not logged: they come every few
 * seconds.
 *
 * The Auth API (token, revocation, introspection, JWKS, metadata, under both environments) is
 * neither logged nor counted here: it answers thousands of requests a second, and a request line
 * (a child logger, serializing and redacting the headers, a response listener) costs about a
 * seventh of a token request's CPU. It counts its own answers and logs every 5xx answer and, once
 * a minute, its answers by status (see `AuthApiLogger`). Apart from the header, its requests pay
 * nothing here unless tracing is on.
 */
export function installRequestObservation(fastify: FastifyInstance, options: RequestObservationOptions): void {
  const { logger, traceRequest } = options;
  const counted = answerCounter(options.metrics);
  fastify.decorateRequest('latchkeyScope', null);

  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    const surface = surfaceOf(request.url);
    if (surface === 'auth' && traceRequest === null) return done();
    const startMs = performance.now();
    const requestLogger = surface === 'auth' || surface === 'probe' ? null : logger.child({ reqId: request.id });
    const trace = traceRequest?.(request) ?? null;
    const scope: RequestScope | null = requestLogger || trace ? { logger: requestLogger, trace: trace?.context ?? null } : null;
    request.latchkeyScope = scope;
    reply.raw.once('close', () => {
      if (scope) {
        request.latchkeyScope = null;
        leaveRequestScope();
      }
      const { statusCode } = reply.raw;
      const aborted = !reply.raw.writableFinished;
      if (surface !== 'auth') counted(surface, statusCode);
      trace?.end(statusCode, aborted);
      requestLogger?.[requestLogLevel(statusCode)](
        { req: loggableRequest(request), res: { statusCode }, responseTime: Math.round((performance.now() - startMs) * 10) / 10 },
        aborted ? 'request aborted' : 'request completed',
      );
    });
    if (scope) enterRequestScope(scope, done);
    else done();
  });

  // A body is read in events of the connection's, outside the scope entered above: the route's
  // handler is entered in it again. Auth API routes need it only when tracing.
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if (surfaceOf(route.url) === 'auth' && traceRequest === null) return;
    const own = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    route.preHandler = [reenterScope, ...own];
  });
}

function reenterScope(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const scope = request.latchkeyScope;
  if (scope === null) done();
  else requestScope.run(scope, done);
}

/** Counts an answer by surface and status; each series resolved once. */
function answerCounter(metrics: Metrics): (surface: HttpSurface, status: number) => void {
  const counter = httpRequests(metrics);
  const series = new Map<HttpSurface, Map<number, CounterSeries>>();
  return (surface, status) => {
    let bySurface = series.get(surface);
    if (bySurface === undefined) series.set(surface, (bySurface = new Map()));
    let one = bySurface.get(status);
    if (one === undefined) bySurface.set(status, (one = counter.series({ surface, status: String(status) })));
    one.inc();
  };
}
