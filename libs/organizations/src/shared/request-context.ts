import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type Actor, correlationIdOf, type RequestContext } from '@latchkey/building-blocks';

/** Parameter decorator: the correlation id of the current request. */
export const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext) =>
  correlationIdOf(context.switchToHttp().getRequest<FastifyRequest>()),
);

export const actorOf = (who: { userId: string; email: string }): Actor => ({ userId: who.userId, email: who.email });

export function requestContext(actor: Actor | null, correlationId: string): RequestContext {
  return { actor, correlationId, address: null };
}
