import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Actor, EventMetadata } from '@latchkey/event-store';
import type { RequestContext } from '@latchkey/identity';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The client's `X-Correlation-Id` when it is a plausible id, else a fresh one. */
export function correlationIdOf(request: FastifyRequest): string {
  const header = request.headers['x-correlation-id'];
  return typeof header === 'string' && CORRELATION_ID.test(header) ? header : randomUUID();
}

/** Parameter decorator: the correlation id of the current request. */
export const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext) =>
  correlationIdOf(context.switchToHttp().getRequest<FastifyRequest>()),
);

export const actorOf = (who: { userId: string; email: string }): Actor => ({ userId: who.userId, email: who.email });

export function requestContext(actor: Actor | null, correlationId: string): RequestContext {
  return { actor, correlationId };
}

/** Metadata of every event this module appends: who did it, and which request it belongs to. */
export function eventMetadata(context: RequestContext): EventMetadata {
  return { correlationId: context.correlationId, actor: context.actor };
}
