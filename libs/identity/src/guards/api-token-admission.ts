import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock, DomainError, requestContextOf, setRequestActor } from '@latchkey/building-blocks';
import type { ApiTokenRefusalReason } from '../domain/api-token/api-token.events';
import { ApiTokenProjection } from '../read-models/api-tokens/api-token.projection';
import { UserReadModel } from '../read-models/users/user.read-model';
import { ApiTokenActivity } from '../shared/api-tokens/api-token-activity';
import { hashApiToken, isWellFormedApiToken } from '../shared/api-tokens/api-token-format';
import { scopeRequirementOf } from './require-scope.decorator';
import { setRequestPrincipal } from './request-principal';

/**
 * The console's authentication of `Authorization: Bearer lkc_…`. A token whose checksum does not
 * match is refused offline; otherwise its SHA-256 is looked up in memory (one Map lookup). Unknown,
 * expired and revoked tokens, and tokens of a deactivated owner, are `401 UNAUTHENTICATED`; a route
 * that declares no scope for API tokens (or `@SessionOnly()`) is `403 SESSION_REQUIRED`; a scope the
 * token was not granted `403 INSUFFICIENT_SCOPE`. The owner's current role is checked after this,
 * by organizations' membership guard, so a demotion narrows what a token can do.
 */
@Injectable()
export class ApiTokenAdmission {
  constructor(
    private readonly tokens: ApiTokenProjection,
    private readonly users: UserReadModel,
    private readonly activity: ApiTokenActivity,
    private readonly reflector: Reflector,
    private readonly clock: Clock,
  ) {}

  admit(context: ExecutionContext, token: string): true {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const refuse = (tokenId: string | null, reason: ApiTokenRefusalReason, actor: { userId: string; email?: string } | null): never => {
      if (tokenId !== null) this.activity.refused(tokenId, reason, actor, requestContextOf(request));
      if (reason === 'session_required')
        throw new DomainError('forbidden', 'SESSION_REQUIRED', 'This needs a console session; API tokens cannot do it');
      if (reason === 'insufficient_scope')
        throw new DomainError('forbidden', 'INSUFFICIENT_SCOPE', `This needs an API token with the scope ${requirement}`);
      context.switchToHttp().getResponse<FastifyReply>().header('www-authenticate', 'Bearer realm="console", error="invalid_token"');
      throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'The API token is invalid, expired or revoked');
    };
    const requirement = scopeRequirementOf(this.reflector, context) ?? 'session-only';
    if (!isWellFormedApiToken(token)) return refuse(null, 'revoked', null);
    const hash = hashApiToken(token);
    const active = this.tokens.findActive(hash, this.clock.now());
    if (!active) {
      const known = this.tokens.findKnown(hash);
      return refuse(known?.tokenId ?? null, known?.revoked ? 'revoked' : 'expired', known ? { userId: known.ownerId } : null);
    }
    const user = this.users.findById(active.ownerId);
    if (!user || user.status !== 'active') return refuse(active.tokenId, 'owner_inactive', { userId: active.ownerId });
    const actor = { userId: user.id, email: user.email };
    if (requirement === 'session-only') return refuse(active.tokenId, 'session_required', actor);
    if (requirement !== 'none' && !active.scopes.includes(requirement)) return refuse(active.tokenId, 'insufficient_scope', actor);
    setRequestPrincipal(request, { userId: user.id, email: user.email, sessionId: null, apiToken: { id: active.tokenId, scopes: active.scopes } });
    setRequestActor(request, actor);
    this.activity.used(active.tokenId, actor, requestContextOf(request));
    return true;
  }
}
