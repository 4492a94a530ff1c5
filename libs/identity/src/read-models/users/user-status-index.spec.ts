import { type GivenEvent, projectionSpec } from '@latchkey/event-store/testing';
import { UserProjection } from './user.projection';
import { UserStatusIndex } from './user-status-index';

const alice = 'a0000000-0000-4000-8000-000000000001';
const bob = 'b0000000-0000-4000-8000-000000000002';
const carol = 'c0000000-0000-4000-8000-000000000003';

const registered = (userId: string, productionUserId: string): GivenEvent => ({
  streamName: `user-${userId}`,
  type: 'UserRegistered',
  data: { userId, email: `${userId}@example.com`, name: 'x', passwordHash: 'scrypt$x', productionUserId, registeredAt: '2026-01-01T00:00:00.000Z' },
});
const deactivated = (userId: string): GivenEvent => ({
  streamName: `user-${userId}`,
  type: 'UserDeactivated',
  data: { userId, reason: 'member_removed', deactivatedAt: '2026-01-03T00:00:00.000Z' },
});

const history: GivenEvent[] = [
  registered(alice, '100000000000001'),
  registered(bob, '100000000000002'),
  deactivated(bob),
  // a registration replayed for a known user changes nothing (as the row: INSERT OR IGNORE)
  registered(bob, '100000000000002'),
  // a deactivation of an unknown user changes nothing
  deactivated(carol),
  { ...registered(carol, '100000000000003'), streamName: 'other-1' },
];

const statuses = (index: UserStatusIndex) => [alice, bob, carol].map((u) => index.statusOf(u));

describe('user status index', () => {
  it('is the users projection, to the runner', () => {
    const users = new UserProjection();
    const index = new UserStatusIndex(users);
    expect({ name: index.name, version: index.version }).toEqual({ name: users.name, version: users.version });
  });

  it('follows each event as the rows do', () => {
    const index = new UserStatusIndex(new UserProjection());
    const db = projectionSpec(index).given(history);
    expect(statuses(index)).toEqual(['active', 'deactivated', null]);
    expect(db.prepare('SELECT user_id, status FROM identity_users ORDER BY user_id').all()).toEqual([
      { user_id: alice, status: 'active' },
      { user_id: bob, status: 'deactivated' },
    ]);
  });

  it('is rebuilt from the rows when the runner starts, and emptied with them', () => {
    const db = projectionSpec(new UserStatusIndex(new UserProjection())).given(history);
    const restarted = new UserStatusIndex(new UserProjection());
    restarted.load(db);
    expect(statuses(restarted)).toEqual(['active', 'deactivated', null]);
    restarted.reset(db);
    expect(statuses(restarted)).toEqual([null, null, null]);
  });
});
