import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { EventMetadata } from '@latchkey/event-store';
import type { ConsolePrincipal } from '@latchkey/identity';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Metadata of the events a console request appends: the caller as actor (the audit trail shows
 * who did what) and the client's `X-Correlation-Id` when it is a plausible id, else a fresh one.
 */
export function requestMetadata(request: FastifyRequest, principal: ConsolePrincipal): EventMetadata {
  const header = request.headers['x-correlation-id'];
  return {
    correlationId: typeof header === 'string' && CORRELATION_ID.test(header) ? header : randomUUID(),
    actor: { userId: principal.userId, email: principal.email },
  };
}
