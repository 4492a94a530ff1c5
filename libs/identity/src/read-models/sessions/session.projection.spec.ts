import { type GivenEvent, projectionSpec } from '@latchkey/event-store/testing';
import { ManualClock } from '@latchkey/building-blocks/testing';
import { SessionProjection } from './session.projection';
import { UserSessions } from './user-sessions';

const alice = 'a0000000-0000-4000-8000-000000000001';
const bob = 'b0000000-0000-4000-8000-000000000002';

const started = (n: number, userId: string, expiresAt = '2026-01-01T12:00:00.000Z'): GivenEvent => ({
  streamName: `session-s${n}`,
  type: 'SessionStarted',
  data: { sessionId: `s${n}`, userId, tokenHash: `hash-${n}`, expiresAt },
});
const ended = (n: number, userId: string, reason = 'logout'): GivenEvent => ({
  streamName: `session-s${n}`,
  type: 'SessionEnded',
  data: { sessionId: `s${n}`, userId, reason, endedAt: '2026-01-01T01:00:00.000Z' },
});

describe('sessions projection', () => {
  const morning = new Date('2026-01-01T02:00:00.000Z');

  it('keeps every session with how it ended', () => {
    const db = projectionSpec(new SessionProjection(new ManualClock(morning))).given([
      started(1, alice),
      started(2, alice),
      started(3, bob),
      ended(1, alice),
      ended(3, bob, 'user_deactivated'),
    ]);
    expect(db.prepare('SELECT * FROM identity_sessions ORDER BY session_id').all()).toEqual([
      {
        session_id: 's1',
        user_id: alice,
        token_hash: 'hash-1',
        expires_at: '2026-01-01T12:00:00.000Z',
        ended_at: '2026-01-01T01:00:00.000Z',
        end_reason: 'logout',
      },
      { session_id: 's2', user_id: alice, token_hash: 'hash-2', expires_at: '2026-01-01T12:00:00.000Z', ended_at: null, end_reason: null },
      {
        session_id: 's3',
        user_id: bob,
        token_hash: 'hash-3',
        expires_at: '2026-01-01T12:00:00.000Z',
        ended_at: '2026-01-01T01:00:00.000Z',
        end_reason: 'user_deactivated',
      },
    ]);
  });

  it('finds active sessions by token hash, and not ended, expired or unknown ones', () => {
    const projection = new SessionProjection(new ManualClock(morning));
    projectionSpec(projection).given([started(1, alice), started(2, alice), started(3, bob, '2026-01-01T01:59:59.999Z'), ended(1, alice)]);
    expect(projection.findActive('hash-2', morning)).toEqual({ sessionId: 's2', userId: alice, expiresAt: Date.parse('2026-01-01T12:00:00.000Z') });
    expect(projection.findActive('hash-1', morning)).toBeNull();
    expect(projection.findActive('hash-3', morning)).toBeNull();
    expect(projection.findActive('hash-9', morning)).toBeNull();
    expect(projection.findActive('hash-2', new Date('2026-01-01T12:00:00.000Z'))).toBeNull();
  });

  it('rebuilds the in-memory index from the table on load, without ended or expired sessions', () => {
    const clock = new ManualClock(morning);
    const db = projectionSpec(new SessionProjection(clock)).given([
      started(1, alice),
      started(2, alice),
      started(3, bob, '2026-01-01T01:00:00.000Z'),
      ended(1, alice),
    ]);
    const restarted = new SessionProjection(clock);
    restarted.load(db);
    expect(restarted.findActive('hash-2', morning)?.sessionId).toBe('s2');
    expect(restarted.findActive('hash-1', morning)).toBeNull();
    expect(restarted.findActive('hash-3', morning)).toBeNull();
  });

  it('forgets everything on reset', () => {
    const projection = new SessionProjection(new ManualClock(morning));
    const db = projectionSpec(projection).given([started(1, alice)]);
    projection.reset(db);
    expect(projection.findActive('hash-1', morning)).toBeNull();
    expect(db.prepare('SELECT COUNT(*) AS n FROM identity_sessions').get()).toEqual({ n: 0 });
  });

  it('does not revive an ended session when its start is applied again', () => {
    const projection = new SessionProjection(new ManualClock(morning));
    projectionSpec(projection).given([started(1, alice), ended(1, alice), started(1, alice)]);
    expect(projection.findActive('hash-1', morning)).toBeNull();
  });

  it('lists the open sessions of a user', () => {
    const db = projectionSpec(new SessionProjection(new ManualClock(morning))).given([
      started(1, alice),
      started(2, alice),
      started(3, bob),
      started(4, alice, '2026-01-01T01:00:00.000Z'),
      ended(1, alice),
    ]);
    const sessions = new UserSessions(db);
    expect(sessions.activeSessionIds(alice, morning)).toEqual(['s2']);
    expect(sessions.activeSessionIds(bob, morning)).toEqual(['s3']);
    expect(sessions.activeSessionIds('nobody', morning)).toEqual([]);
  });
});
