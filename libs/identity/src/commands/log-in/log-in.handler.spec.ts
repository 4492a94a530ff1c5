import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { DomainError, MemoryThrottleStores } from '@latchkey/building-blocks';
import { ManualClock } from '@latchkey/building-blocks/testing';
import type { UserView } from '../../contracts';
import type { LoginFailureRecorder } from './login-failure-recorder';
import { LoginThrottle } from './login-throttle';
import { OWASP_SCRYPT, PasswordHasher } from '../../shared/passwords/password-hasher';
import type { LoginRecord, UserReadModel } from '../../read-models/users/user.read-model';
import { LogInCommand } from './log-in.command';
import { LogInHandler } from './log-in.handler';
import type { SecondFactor } from '../../shared/account-security/second-factor';

const hasher = new PasswordHasher({ ...OWASP_SCRYPT, N: 2 ** 10 });

function userView(status: UserView['status']): UserView {
  return { id: 'u1', email: 'alice@example.com', name: 'Alice', status, accounts: { production: { userId: '100000000000001' }, sandbox: null } };
}

async function setUp(status: UserView['status'] = 'active', mfa: { code: string } | null = null) {
  const login: LoginRecord = { user: userView(status), passwordHash: await hasher.hash('correct horse battery') };
  const users = { findLogin: (email: string) => (email === 'alice@example.com' ? login : null) } as unknown as UserReadModel;
  const commandBus = { execute: jest.fn().mockResolvedValue({ token: 't'.repeat(43), sessionId: 's1', expiresAt: '2026-01-01T12:00:00.000Z' }) };
  const verify = jest.spyOn(hasher, 'verify');
  const verifyDummy = jest.spyOn(hasher, 'verifyAgainstDummy');
  const failures = { failed: jest.fn(), lockedOut: jest.fn() };
  const secondFactor = { enabled: () => mfa !== null, accept: jest.fn(async (_userId: string, code: string) => code === mfa?.code) };
  const handler = new LogInHandler(
    users,
    hasher,
    new LoginThrottle(new MemoryThrottleStores(new ManualClock())),
    commandBus as unknown as CommandBus,
    failures as unknown as LoginFailureRecorder,
    secondFactor as unknown as SecondFactor,
  );
  const logIn = (email: string, password: string, address = '10.0.0.1', totp?: string) =>
    handler.execute(new LogInCommand(email, password, { correlationId: 'corr-1', actor: null, address }, totp));
  return { logIn, verify, verifyDummy, commandBus, failures, secondFactor };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the login to fail');
    },
    (error: Error & { kind?: string; code?: string }) => ({ kind: error.kind, code: error.code, message: error.message }),
  );

describe('LogInHandler', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('starts a session for the canonical account, with the user as actor', async () => {
    const { logIn, commandBus } = await setUp();
    await expect(logIn(' ALICE@example.com ', 'correct horse battery')).resolves.toEqual({
      token: 't'.repeat(43),
      expiresAt: '2026-01-01T12:00:00.000Z',
      user: { id: 'u1', email: 'alice@example.com', name: 'Alice' },
    });
    expect(commandBus.execute).toHaveBeenCalledWith(
      expect.objectContaining({
        userId: 'u1',
        context: { actor: { userId: 'u1', email: 'alice@example.com' }, correlationId: 'corr-1', address: '10.0.0.1' },
      }),
    );
  });

  it('answers an unknown e-mail and a wrong password identically, each after one full verification', async () => {
    const { logIn, verify, verifyDummy, commandBus } = await setUp();
    const unknown = await failure(logIn('nobody@example.com', 'correct horse battery'));
    expect(verifyDummy).toHaveBeenCalledTimes(1);
    expect(verify).not.toHaveBeenCalled();
    const wrong = await failure(logIn('alice@example.com', 'wrong horse battery'));
    expect(verify).toHaveBeenCalledTimes(1);
    expect(unknown).toEqual({ kind: 'unauthenticated', code: 'INVALID_LOGIN', message: 'The e-mail address or password is incorrect' });
    expect(wrong).toEqual(unknown);
    expect(commandBus.execute).not.toHaveBeenCalled();
  });

  it('refuses a deactivated user with the same answer, after checking the password', async () => {
    const { logIn, verify, commandBus } = await setUp('deactivated');
    await expect(failure(logIn('alice@example.com', 'correct horse battery'))).resolves.toMatchObject({ code: 'INVALID_LOGIN' });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(commandBus.execute).not.toHaveBeenCalled();
  });

  it('checks no password once throttled, not even the right one', async () => {
    const { logIn, verify, verifyDummy } = await setUp();
    for (let i = 0; i < 5; i++) await failure(logIn('alice@example.com', 'wrong horse battery'));
    verify.mockClear();
    await expect(failure(logIn('alice@example.com', 'correct horse battery'))).resolves.toMatchObject({ kind: 'rate-limited', code: 'RATE_LIMITED' });
    expect(verify).not.toHaveBeenCalled();
    expect(verifyDummy).not.toHaveBeenCalled();
  });

  it('throttles unknown accounts exactly like real ones', async () => {
    const { logIn } = await setUp();
    for (let i = 0; i < 5; i++) await failure(logIn('nobody@example.com', 'wrong horse battery'));
    await expect(failure(logIn('nobody@example.com', 'wrong horse battery'))).resolves.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('answers 503 BUSY when the hasher is full, without counting the attempt', async () => {
    const { logIn, verify } = await setUp();
    verify.mockRejectedValue(new DomainError('unavailable', 'BUSY', 'busy', { retryAfterSeconds: 2 }));
    for (let i = 0; i < 6; i++) await expect(failure(logIn('alice@example.com', 'correct horse battery'))).resolves.toMatchObject({ code: 'BUSY' });
    verify.mockRestore();
    await expect(logIn('alice@example.com', 'correct horse battery')).resolves.toMatchObject({ user: { id: 'u1' } });
  });

  describe('records failures for the audit log', () => {
    const context = (address: string) => ({ correlationId: 'corr-1', actor: null, address });

    it('a wrong password and a deactivated user under the account, an unknown e-mail under no account; a success not at all', async () => {
      const { logIn, failures } = await setUp();
      await failure(logIn('alice@example.com', 'wrong horse battery'));
      await failure(logIn('nobody@example.com', 'wrong horse battery', '10.0.0.2'));
      await logIn('alice@example.com', 'correct horse battery');
      expect(failures.failed.mock.calls).toEqual([
        ['u1', context('10.0.0.1')],
        [null, context('10.0.0.2')],
      ]);
      const deactivated = await setUp('deactivated');
      await failure(deactivated.logIn('alice@example.com', 'correct horse battery'));
      expect(deactivated.failures.failed.mock.calls).toEqual([['u1', context('10.0.0.1')]]);
    });

    it('the lockout the fifth failure of an account starts, and none for an unknown e-mail or a throttled attempt', async () => {
      const { logIn, failures } = await setUp();
      for (let i = 0; i < 5; i++) await failure(logIn('alice@example.com', 'wrong horse battery'));
      for (let i = 0; i < 5; i++) await failure(logIn('nobody@example.com', 'wrong horse battery'));
      await failure(logIn('alice@example.com', 'wrong horse battery'));
      expect(failures.lockedOut.mock.calls).toEqual([['u1', context('10.0.0.1'), 30_000]]);
      // The throttled sixth attempt checked no password: it is no failed login.
      expect(failures.failed).toHaveBeenCalledTimes(10);
    });
  });

  describe('with two-factor sign-in on', () => {
    it('answers MFA_REQUIRED only after a correct password, and does not count that attempt', async () => {
      const { logIn, failures, commandBus } = await setUp('active', { code: '123456' });
      await expect(failure(logIn('alice@example.com', 'wrong horse battery'))).resolves.toMatchObject({ code: 'INVALID_LOGIN' });
      for (let i = 0; i < 10; i++) {
        await expect(failure(logIn('alice@example.com', 'correct horse battery'))).resolves.toMatchObject({
          kind: 'unauthenticated',
          code: 'MFA_REQUIRED',
        });
      }
      expect(failures.failed).toHaveBeenCalledTimes(1);
      expect(commandBus.execute).not.toHaveBeenCalled();
    });

    it('starts a session with the right code; a wrong code is INVALID_LOGIN, counted, and locks the account after five', async () => {
      const { logIn, failures, secondFactor } = await setUp('active', { code: '123456' });
      await expect(logIn('alice@example.com', 'correct horse battery', '10.0.0.1', '123456')).resolves.toMatchObject({ user: { id: 'u1' } });
      expect(secondFactor.accept).toHaveBeenCalledWith(
        'u1',
        '123456',
        expect.objectContaining({ actor: { userId: 'u1', email: 'alice@example.com' } }),
      );
      for (let i = 0; i < 5; i++) {
        await expect(failure(logIn('alice@example.com', 'correct horse battery', '10.0.0.9', '000000'))).resolves.toMatchObject({
          code: 'INVALID_LOGIN',
        });
      }
      expect(failures.failed).toHaveBeenCalledTimes(5);
      expect(failures.lockedOut).toHaveBeenCalledTimes(1);
      await expect(failure(logIn('alice@example.com', 'correct horse battery', '10.0.0.9', '123456'))).resolves.toMatchObject({
        code: 'RATE_LIMITED',
      });
    });

    it('checks no code for a wrong password', async () => {
      const { logIn, secondFactor } = await setUp('active', { code: '123456' });
      await expect(failure(logIn('alice@example.com', 'wrong horse battery', '10.0.0.1', '123456'))).resolves.toMatchObject({
        code: 'INVALID_LOGIN',
      });
      expect(secondFactor.accept).not.toHaveBeenCalled();
    });
  });
});
