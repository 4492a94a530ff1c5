import { type GivenEvent, projectionSpec } from '@latchkey/event-store/testing';
import { UserReadModel } from './user.read-model';
import { UserProjection } from './user.projection';

const alice = 'a0000000-0000-4000-8000-000000000001';
const bob = 'b0000000-0000-4000-8000-000000000002';

const registered = (userId: string, email: string, productionUserId: string): GivenEvent => ({
  streamName: `user-${userId}`,
  type: 'UserRegistered',
  data: {
    userId,
    email,
    name: email.split('@')[0],
    passwordHash: `scrypt$hash-of-${email}`,
    productionUserId,
    registeredAt: '2026-01-01T00:00:00.000Z',
  },
});
const sandboxCreated: GivenEvent = {
  streamName: `user-${alice}`,
  type: 'SandboxAccountCreated',
  data: { userId: alice, environment: 'sandbox', environmentUserId: '200000000000001', createdAt: '2026-01-02T00:00:00.000Z' },
};
const bobDeactivated: GivenEvent = {
  streamName: `user-${bob}`,
  type: 'UserDeactivated',
  data: { userId: bob, reason: 'member_removed', deactivatedAt: '2026-01-03T00:00:00.000Z' },
};

const history = [
  registered(alice, 'alice@example.com', '100000000000001'),
  registered(bob, 'bob@example.com', '100000000000002'),
  sandboxCreated,
  bobDeactivated,
];

describe('users projection', () => {
  it('keeps one row per user with its accounts and status', () => {
    const db = projectionSpec(new UserProjection()).given(history);
    expect(db.prepare('SELECT * FROM identity_users ORDER BY email').all()).toEqual([
      {
        user_id: alice,
        email: 'alice@example.com',
        name: 'alice',
        status: 'active',
        production_user_id: '100000000000001',
        sandbox_user_id: '200000000000001',
        registered_at: '2026-01-01T00:00:00.000Z',
        deactivated_at: null,
      },
      {
        user_id: bob,
        email: 'bob@example.com',
        name: 'bob',
        status: 'deactivated',
        production_user_id: '100000000000002',
        sandbox_user_id: null,
        registered_at: '2026-01-01T00:00:00.000Z',
        deactivated_at: '2026-01-03T00:00:00.000Z',
      },
    ]);
  });

  it('keeps password hashes out of the users table', () => {
    const db = projectionSpec(new UserProjection()).given(history);
    expect(JSON.stringify(db.prepare('SELECT * FROM identity_users').all())).not.toContain('scrypt');
    expect(db.prepare('SELECT * FROM identity_password_hashes ORDER BY user_id').all()).toEqual([
      { user_id: alice, password_hash: 'scrypt$hash-of-alice@example.com' },
      { user_id: bob, password_hash: 'scrypt$hash-of-bob@example.com' },
    ]);
  });

  it('is unchanged when an event is applied again', () => {
    const db = projectionSpec(new UserProjection()).given([...history, ...history]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM identity_users').get()).toEqual({ n: 2 });
    expect(db.prepare('SELECT status FROM identity_users WHERE user_id = ?').get(bob)).toEqual({ status: 'deactivated' });
  });

  it('does not reactivate a user when their registration is delivered again after the deactivation', () => {
    const db = projectionSpec(new UserProjection()).given([...history, registered(bob, 'bob@example.com', '100000000000002')]);
    expect(db.prepare('SELECT status FROM identity_users WHERE user_id = ?').get(bob)).toEqual({ status: 'deactivated' });
  });

  it('ignores events of other streams that share a type name', () => {
    const db = projectionSpec(new UserProjection()).given([{ ...registered(alice, 'alice@example.com', '1'), streamName: `other-${alice}` }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM identity_users').get()).toEqual({ n: 0 });
  });

  it('answers indexed lookups by id, e-mail and environment user id', () => {
    const users = new UserReadModel(projectionSpec(new UserProjection()).given(history));
    const aliceView = {
      id: alice,
      email: 'alice@example.com',
      name: 'alice',
      status: 'active',
      accounts: { production: { userId: '100000000000001' }, sandbox: { userId: '200000000000001' } },
    };
    expect(users.findById(alice)).toEqual(aliceView);
    expect(users.findByEmail('alice@example.com')).toEqual(aliceView);
    expect(users.findByEnvironmentUserId('production', '100000000000001')).toEqual(aliceView);
    expect(users.findByEnvironmentUserId('sandbox', '200000000000001')).toEqual(aliceView);
    expect(users.findByEnvironmentUserId('sandbox', '100000000000001')).toBeNull();
    expect(users.findByEnvironmentUserId('production', '200000000000001')).toBeNull();
    expect(users.findById('nobody')).toBeNull();
    expect(users.findByEmail('Alice@example.com')).toBeNull();
    expect(users.findLogin('bob@example.com')).toEqual({
      user: expect.objectContaining({ id: bob, status: 'deactivated' }),
      passwordHash: 'scrypt$hash-of-bob@example.com',
    });
    expect(users.findLogin('carol@example.com')).toBeNull();
  });

  it('uses the indexes for every lookup', () => {
    const db = projectionSpec(new UserProjection()).given(history);
    const plan = (where: string) => JSON.stringify(db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM identity_users WHERE ${where}`).all());
    expect(plan("email = 'x'")).toContain('identity_users_email');
    expect(plan("production_user_id = 'x'")).toContain('identity_users_production');
    expect(plan("sandbox_user_id = 'x'")).toContain('identity_users_sandbox');
  });
});
