import { Inject, Injectable } from '@nestjs/common';
import { DeciderExecutor, EVENT_STORE, type EventStore, eventMetadata, fold, ProjectionRunner } from '@latchkey/event-store';
import { type Environment } from '@latchkey/building-blocks';
import { oauthSessionDecider, type OAuthSessionState } from '../../domain/oauth-session/oauth-session.decider';
import { type OAuthSessionEvent, oauthSessionStream, type SessionRevocationReason } from '../../domain/oauth-session/oauth-session.events';

export interface SessionReference {
  sessionId: string;
  clientId: string;
  credentialId: string;
  environment: Environment;
  correlationId: string;
}

/** The write side of OAuth sessions, as the endpoints use it. */
export interface OAuthSessions {
  /** Rotates the session's refresh token from `presentedGeneration`; 'revoked' when the session is (or now is, on reuse) revoked. */
  rotate(session: SessionReference, presentedGeneration: number, at: Date): Promise<'rotated' | 'revoked'>;
  /** Revokes the whole session; resolves once revocation checks see it. */
  revoke(session: SessionReference, reason: SessionRevocationReason, at: Date): Promise<void>;
  state(sessionId: string): Promise<OAuthSessionState>;
}

export const OAUTH_SESSIONS = Symbol('OAUTH_SESSIONS');

@Injectable()
export class EventSourcedOAuthSessions implements OAuthSessions {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly projections: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async rotate(session: SessionReference, presentedGeneration: number, at: Date): Promise<'rotated' | 'revoked'> {
    // A rotation needs no read model; a revocation (reuse) must be visible before the caller answers.
    const result = await this.executor.execute(
      oauthSessionDecider,
      oauthSessionStream(session.sessionId),
      { type: 'RotateRefreshToken', ...this.fields(session, at), presentedGeneration },
      { metadata: this.metadata(session), waitForReadModels: false },
    );
    if (!result.state.revoked) return 'rotated';
    await this.projections.waitFor(result.position);
    return 'revoked';
  }

  async revoke(session: SessionReference, reason: SessionRevocationReason, at: Date): Promise<void> {
    await this.executor.execute(
      oauthSessionDecider,
      oauthSessionStream(session.sessionId),
      { type: 'RevokeOAuthSession', ...this.fields(session, at), reason },
      { metadata: this.metadata(session) },
    );
  }

  async state(sessionId: string): Promise<OAuthSessionState> {
    const events = await this.store.readStream(oauthSessionStream(sessionId));
    return fold(oauthSessionDecider, events as unknown as OAuthSessionEvent[]);
  }

  private fields(session: SessionReference, at: Date) {
    return {
      sessionId: session.sessionId,
      clientId: session.clientId,
      credentialId: session.credentialId,
      environment: session.environment,
      at: at.toISOString(),
    };
  }

  private metadata(session: SessionReference) {
    return { ...eventMetadata({ correlationId: session.correlationId, actor: null }), clientId: session.clientId };
  }
}
