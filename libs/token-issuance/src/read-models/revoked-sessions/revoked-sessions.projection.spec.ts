import { ManualClock } from '@latchkey/building-blocks/testing';
import { projectionSpec } from '@latchkey/event-store/testing';
import { RevokedSessionsProjection } from './revoked-sessions.projection';

const NOW = Date.UTC(2026, 5, 1);
const revokedEvent = (sessionId: string, at: string) => ({
  streamName: `oauthSession-${sessionId}`,
  type: 'OAuthSessionRevoked',
  data: { sessionId, reason: 'revoked_by_client', clientId: 'c', credentialId: 'x', environment: 'production', at },
});

describe('RevokedSessionsProjection', () => {
  it('remembers revoked sessions, in memory and in its table', () => {
    const projection = new RevokedSessionsProjection(new ManualClock(NOW));
    const db = projectionSpec(projection).given([
      { streamName: 'oauthSession-a', type: 'RefreshTokenRotated', data: { sessionId: 'a', generation: 1 } },
      revokedEvent('b', '2026-05-31T00:00:00.000Z'),
      revokedEvent('b', '2026-05-31T00:00:01.000Z'),
      { streamName: 'credential-b', type: 'OAuthSessionRevoked', data: { sessionId: 'c', at: '2026-05-31T00:00:00.000Z' } },
    ]);
    expect(projection.isRevoked('a')).toBe(false);
    expect(projection.isRevoked('b')).toBe(true);
    expect(projection.isRevoked('c')).toBe(false);
    expect(db.prepare('SELECT session_id FROM token_revoked_sessions').all()).toEqual([{ session_id: 'b' }]);

    const reloaded = new RevokedSessionsProjection(new ManualClock(NOW));
    reloaded.load(db);
    expect(reloaded.isRevoked('b')).toBe(true);
  });

  it('forgets revocations older than any token they could concern when it loads', () => {
    const projection = new RevokedSessionsProjection(new ManualClock(NOW));
    const db = projectionSpec(projection).given([
      revokedEvent('old', '2026-05-01T00:00:00.000Z'),
      revokedEvent('recent', '2026-05-30T00:00:00.000Z'),
    ]);
    const reloaded = new RevokedSessionsProjection(new ManualClock(NOW));
    reloaded.load(db);
    expect(reloaded.isRevoked('old')).toBe(false);
    expect(reloaded.isRevoked('recent')).toBe(true);
  });
});
