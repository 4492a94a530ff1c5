import { deciderSpec } from '@latchkey/event-store/testing';
import { userDecider } from './user.decider';
import type { SandboxAccountCreated, UserDeactivated, UserRegistered } from './user.events';

const userId = '5b1d7c3e-0000-4000-8000-000000000001';
const registeredData = {
  userId,
  email: 'alice@example.com',
  name: 'Alice',
  passwordHash: 'scrypt$131072$8$1$salt$hash',
  productionUserId: '123456789012345',
  registeredAt: '2026-01-01T00:00:00.000Z',
};
const registered: UserRegistered = { type: 'UserRegistered', data: registeredData };
const sandboxCreated: SandboxAccountCreated = {
  type: 'SandboxAccountCreated',
  data: { userId, environment: 'sandbox', environmentUserId: '987654321098765', createdAt: '2026-01-02T00:00:00.000Z' },
};
const deactivated: UserDeactivated = {
  type: 'UserDeactivated',
  data: { userId, reason: 'member_removed', deactivatedAt: '2026-01-03T00:00:00.000Z' },
};

const spec = deciderSpec(userDecider);

describe('user decider', () => {
  describe('RegisterUser', () => {
    const register = { type: 'RegisterUser' as const, ...registeredData };

    it('registers a new user with a production account', () => {
      spec.given([]).when(register).then([registered]);
    });

    it('refuses to register the same user twice', () => {
      spec.given([registered]).when(register).thenFails('USER_ALREADY_REGISTERED', 'conflict');
    });
  });

  describe('RegisterServiceUser', () => {
    const serviceUserId = '5b1d7c3e-0000-4000-8000-000000000002';
    const registerService = {
      type: 'RegisterServiceUser' as const,
      userId: serviceUserId,
      email: `${serviceUserId}@service-users.invalid`,
      name: 'Billing sync',
      productionUserId: '222222222222222',
      registeredAt: '2026-01-01T00:00:00.000Z',
    };
    const { type: _type, ...serviceData } = registerService;
    const serviceRegistered: UserRegistered = { type: 'UserRegistered', data: { ...serviceData, kind: 'service' } };
    const serviceSandbox: SandboxAccountCreated = {
      type: 'SandboxAccountCreated',
      data: { userId: serviceUserId, environment: 'sandbox', environmentUserId: '333333333333333', createdAt: '2026-01-02T00:00:00.000Z' },
    };

    it('registers a service user: no password hash, kind "service", a production user id', () => {
      spec.given([]).when(registerService).then([serviceRegistered]);
      expect(serviceRegistered.data).not.toHaveProperty('passwordHash');
    });

    it('refuses to register the same user twice', () => {
      spec.given([serviceRegistered]).when(registerService).thenFails('USER_ALREADY_REGISTERED', 'conflict');
    });

    it('gives a service user a sandbox account, once', () => {
      spec
        .given([serviceRegistered])
        .when({ type: 'CreateSandboxAccount', sandboxUserId: '333333333333333', createdAt: serviceSandbox.data.createdAt })
        .then([serviceSandbox]);
      spec
        .given([serviceRegistered, serviceSandbox])
        .when({ type: 'CreateSandboxAccount', sandboxUserId: '444444444444444', createdAt: serviceSandbox.data.createdAt })
        .thenFails('SANDBOX_ACCOUNT_EXISTS', 'conflict');
    });

    it('has no password or second factor: a reset, a password change or clearing MFA is USER_NOT_FOUND', () => {
      const at = '2026-01-02T00:00:00.000Z';
      for (const command of [
        { type: 'IssuePasswordReset' as const, resetId: 'r1', tokenHash: 'h', issuedBy: userId, issuedAt: at, expiresAt: at },
        { type: 'ChangePassword' as const, passwordHash: 'scrypt$x', changedAt: at },
        { type: 'ClearMfa' as const, clearedBy: userId, at },
      ]) {
        spec.given([serviceRegistered]).when(command).thenFails('USER_NOT_FOUND', 'not-found');
      }
    });

    it('folds into a state of kind "service"', () => {
      const state = [serviceRegistered].reduce(userDecider.evolve, userDecider.initialState());
      expect(state).toMatchObject({ status: 'active', kind: 'service', productionUserId: '222222222222222' });
    });
  });

  describe('CreateSandboxAccount', () => {
    const create = { type: 'CreateSandboxAccount' as const, sandboxUserId: '987654321098765', createdAt: '2026-01-02T00:00:00.000Z' };

    it('creates the sandbox account of an active user', () => {
      spec.given([registered]).when(create).then([sandboxCreated]);
    });

    it('refuses a second sandbox account', () => {
      spec
        .given([registered, sandboxCreated])
        .when({ ...create, sandboxUserId: '111111111111111' })
        .thenFails('SANDBOX_ACCOUNT_EXISTS', 'conflict');
    });

    it('refuses an unknown user', () => {
      spec.given([]).when(create).thenFails('USER_NOT_FOUND', 'not-found');
    });

    it('refuses a deactivated user', () => {
      spec.given([registered, deactivated]).when(create).thenFails('USER_DEACTIVATED', 'forbidden');
    });

    it('refuses to reuse the production user id in the sandbox', () => {
      spec
        .given([registered])
        .when({ ...create, sandboxUserId: registered.data.productionUserId })
        .thenFails('ENVIRONMENT_USER_ID_TAKEN', 'conflict');
    });
  });

  describe('DeactivateUser', () => {
    const deactivate = { type: 'DeactivateUser' as const, reason: 'member_removed', deactivatedAt: '2026-01-03T00:00:00.000Z' };

    it('deactivates an active user', () => {
      spec.given([registered]).when(deactivate).then([deactivated]);
    });

    it('deactivates a user with a sandbox account', () => {
      spec.given([registered, sandboxCreated]).when(deactivate).then([deactivated]);
    });

    it('is idempotent: a deactivated user stays deactivated and nothing is appended', () => {
      spec
        .given([registered, deactivated])
        .when({ ...deactivate, reason: 'again' })
        .then([]);
    });

    it('refuses an unknown user', () => {
      spec.given([]).when(deactivate).thenFails('USER_NOT_FOUND', 'not-found');
    });
  });

  it('folds its events into the state the commands check', () => {
    const state = [registered, sandboxCreated, deactivated].reduce(userDecider.evolve, userDecider.initialState());
    expect(state).toEqual({
      status: 'deactivated',
      userId,
      kind: 'person',
      productionUserId: '123456789012345',
      sandboxUserId: '987654321098765',
      passwordReset: null,
      totp: { status: 'off' },
    });
  });
});
