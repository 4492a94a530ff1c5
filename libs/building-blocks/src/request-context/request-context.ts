import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** Who did something: the audit trail needs it on every event. */
export interface Actor {
  userId: string;
  email?: string;
}

/**
 * What every use case learns about the request that asked for it: which request it belongs to
 * (`correlationId`: the request id, the caller's `X-Request-Id` when acceptable or a fresh one, the
 * id in the answer's `X-Request-Id`, in its log lines and in its events' metadata), who asks (`actor`, set by the
 * console's authentication; null before it), and from where (`address`, the client address as the
 * HTTP server resolves it — the one address every throttle, log line and allowlist uses; null for
 * work no client asked for).
 */
export interface RequestContext {
  readonly correlationId: string;
  readonly actor: Actor | null;
  readonly address: string | null;
}

interface Known {
  actor?: Actor;
}

/** What is known of each request, keyed by the request object itself. */
const known = new WeakMap<object, Known>();

function knownOf(request: object): Known {
  let entry = known.get(request);
  if (!entry) known.set(request, (entry = {}));
  return entry;
}

/** The request id (see `requestIdGenerator`): the correlation id of every command and event the request starts. */
export function correlationIdOf(request: FastifyRequest): string {
  return request.id;
}

/** Records the authenticated caller of a request (the console's authentication does). */
export function setRequestActor(request: object, actor: Actor): void {
  knownOf(request).actor = actor;
}

export function requestContextOf(request: FastifyRequest): RequestContext {
  return { correlationId: correlationIdOf(request), actor: known.get(request)?.actor ?? null, address: request.ip };
}

/** A context for work no client asked for (reactions, schedulers, the operator command), acting for `actor` if given. */
export function systemContext(correlationId: string = randomUUID(), actor: Actor | null = null): RequestContext {
  return { correlationId, actor, address: null };
}

/** Parameter decorator: the `RequestContext` of the current request. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext =>
  requestContextOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
