import { openReadModelDb } from '@latchkey/event-store';
import { applyEvents, type GivenEvent, recorded } from '@latchkey/event-store/testing';
import { ManualClock } from '@latchkey/building-blocks/testing';
import { hashSessionToken, newSessionToken } from '../shared/session-token';
import { SessionProjection } from '../read-models/sessions/session.projection';
import { UserReadModel } from '../read-models/users/user.read-model';
import { UserProjection } from '../read-models/users/user.projection';
import { ConsoleAuthenticator } from './console-authenticator';

const userId = 'a0000000-0000-4000-8000-000000000001';
const token = newSessionToken();
const registered: GivenEvent = {
  streamName: `user-${userId}`,
  type: 'UserRegistered',
  data: {
    userId,
    email: 'alice@example.com',
    name: 'Alice',
    passwordHash: 'scrypt$x',
    productionUserId: '100000000000001',
    registeredAt: '2026-01-01T00:00:00.000Z',
  },
};
const started: GivenEvent = {
  streamName: 'session-s1',
  type: 'SessionStarted',
  data: { sessionId: 's1', userId, tokenHash: hashSessionToken(token), expiresAt: '2026-01-01T12:00:00.000Z' },
};
const deactivated: GivenEvent = {
  streamName: `user-${userId}`,
  type: 'UserDeactivated',
  data: { userId, reason: 'test', deactivatedAt: '2026-01-01T00:30:00.000Z' },
};

function authenticatorAfter(events: GivenEvent[]) {
  const clock = new ManualClock('2026-01-01T01:00:00.000Z');
  const db = openReadModelDb(':memory:');
  const users = new UserProjection();
  const sessions = new SessionProjection(clock);
  users.setup(db);
  sessions.setup(db);
  for (const event of recorded(events)) {
    applyEvents(users, [event], db);
    applyEvents(sessions, [event], db);
  }
  return { authenticator: new ConsoleAuthenticator(sessions, new UserReadModel(db), clock), clock };
}

describe('ConsoleAuthenticator', () => {
  it('resolves an active session token to its principal', () => {
    const { authenticator } = authenticatorAfter([registered, started]);
    expect(authenticator.authenticate(token)).toEqual({ userId, email: 'alice@example.com', sessionId: 's1' });
  });

  it('refuses an unknown, malformed or expired token', () => {
    const { authenticator, clock } = authenticatorAfter([registered, started]);
    expect(authenticator.authenticate(newSessionToken())).toBeNull();
    expect(authenticator.authenticate(`${token}x`)).toBeNull();
    expect(authenticator.authenticate('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln')).toBeNull();
    clock.set('2026-01-01T12:00:00.000Z');
    expect(authenticator.authenticate(token)).toBeNull();
  });

  it('refuses a session of a deactivated user even if the session was not ended', () => {
    const { authenticator } = authenticatorAfter([registered, started, deactivated]);
    expect(authenticator.authenticate(token)).toBeNull();
  });

  it('refuses a session whose user is unknown', () => {
    const { authenticator } = authenticatorAfter([started]);
    expect(authenticator.authenticate(token)).toBeNull();
  });
});
