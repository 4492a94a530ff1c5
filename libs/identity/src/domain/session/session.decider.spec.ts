import { deciderSpec } from '@latchkey/event-store/testing';
import { type SessionCommand, sessionDecider } from './session.decider';
import type { SessionEnded, SessionStarted } from './session.events';

const sessionId = 's0000000-0000-4000-8000-000000000001';
const userId = 'u0000000-0000-4000-8000-000000000001';
const start: Extract<SessionCommand, { type: 'StartSession' }> = {
  type: 'StartSession',
  sessionId,
  userId,
  userStatus: 'active',
  tokenHash: 'ab'.repeat(32),
  startedAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-01T12:00:00.000Z',
};
const started: SessionStarted = {
  type: 'SessionStarted',
  data: { sessionId, userId, tokenHash: 'ab'.repeat(32), expiresAt: '2026-01-01T12:00:00.000Z' },
};
const logout = { type: 'EndSession' as const, reason: 'logout' as const, endedAt: '2026-01-01T01:00:00.000Z' };
const ended: SessionEnded = { type: 'SessionEnded', data: { sessionId, userId, reason: 'logout', endedAt: '2026-01-01T01:00:00.000Z' } };

const spec = deciderSpec(sessionDecider);

describe('session decider', () => {
  describe('StartSession', () => {
    it('starts a session for an active user, storing only the token hash', () => {
      spec.given([]).when(start).then([started]);
    });

    it('refuses to start the same session twice', () => {
      spec.given([started]).when(start).thenFails('SESSION_EXISTS', 'conflict');
    });

    it('refuses an unknown user', () => {
      spec
        .given([])
        .when({ ...start, userStatus: null })
        .thenFails('USER_NOT_FOUND', 'not-found');
    });

    it('refuses a deactivated user', () => {
      spec
        .given([])
        .when({ ...start, userStatus: 'deactivated' })
        .thenFails('USER_DEACTIVATED', 'forbidden');
    });

    it('refuses a session that ends before it starts', () => {
      spec
        .given([])
        .when({ ...start, expiresAt: start.startedAt })
        .thenFails('INVALID_SESSION_LIFETIME', 'validation');
    });
  });

  describe('EndSession', () => {
    it('ends an active session', () => {
      spec.given([started]).when(logout).then([ended]);
    });

    it('records why the session ended', () => {
      spec
        .given([started])
        .when({ ...logout, reason: 'user_deactivated' })
        .then([{ ...ended, data: { ...ended.data, reason: 'user_deactivated' } }]);
    });

    it('is idempotent: an ended session stays ended and nothing is appended', () => {
      spec.given([started, ended]).when(logout).then([]);
    });

    it('refuses an unknown session', () => {
      spec.given([]).when(logout).thenFails('SESSION_NOT_FOUND', 'not-found');
    });
  });
});
