import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ConsolePrincipal, RequestContext } from '../contracts';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The request context of a console call: the caller as actor (null before login) and the
 * client's `X-Correlation-Id` when it is a plausible id, else a fresh one.
 */
export function httpRequestContext(request: FastifyRequest, principal: ConsolePrincipal | null): RequestContext {
  const header = request.headers['x-correlation-id'];
  const correlationId = typeof header === 'string' && CORRELATION_ID.test(header) ? header : randomUUID();
  return { actor: principal ? { userId: principal.userId, email: principal.email } : null, correlationId };
}
