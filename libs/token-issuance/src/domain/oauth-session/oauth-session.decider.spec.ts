import { deciderSpec } from '@latchkey/event-store/testing';
import { oauthSessionDecider } from './oauth-session.decider';
import type { OAuthSessionEvent } from './oauth-session.events';

const base = { sessionId: 's1', clientId: 'c1', credentialId: 'cred-1', environment: 'production' as const, at: '2026-06-01T12:00:00.000Z' };
const rotated = (generation: number): OAuthSessionEvent => ({ type: 'RefreshTokenRotated', data: { ...base, generation } });
const revoked = (reason: 'revoked_by_client' | 'refresh_token_reuse'): OAuthSessionEvent => ({
  type: 'OAuthSessionRevoked',
  data: { ...base, reason },
});
const rotate = (presentedGeneration: number) => ({ type: 'RotateRefreshToken' as const, ...base, presentedGeneration });
const revoke = { type: 'RevokeOAuthSession' as const, ...base, reason: 'revoked_by_client' as const };

describe('oauthSessionDecider', () => {
  it('rotates the first refresh token of a session that has no stream yet', () => {
    deciderSpec(oauthSessionDecider)
      .given([])
      .when(rotate(0))
      .then([rotated(1)]);
  });

  it('rotates the current generation', () => {
    deciderSpec(oauthSessionDecider)
      .given([rotated(1), rotated(2)])
      .when(rotate(2))
      .then([rotated(3)]);
  });

  it('revokes the session when a used refresh token is presented again', () => {
    deciderSpec(oauthSessionDecider)
      .given([rotated(1)])
      .when(rotate(0))
      .then([revoked('refresh_token_reuse')]);
  });

  it('revokes the session for a generation it never issued', () => {
    deciderSpec(oauthSessionDecider)
      .given([rotated(1)])
      .when(rotate(5))
      .then([revoked('refresh_token_reuse')]);
  });

  it('decides nothing more once revoked', () => {
    deciderSpec(oauthSessionDecider)
      .given([revoked('revoked_by_client')])
      .when(rotate(0))
      .then([]);
    deciderSpec(oauthSessionDecider)
      .given([rotated(1), revoked('refresh_token_reuse')])
      .when(revoke)
      .then([]);
  });

  it('revokes on request, with or without a stream', () => {
    deciderSpec(oauthSessionDecider)
      .given([])
      .when(revoke)
      .then([revoked('revoked_by_client')]);
    deciderSpec(oauthSessionDecider)
      .given([rotated(1)])
      .when(revoke)
      .then([revoked('revoked_by_client')]);
  });
});
