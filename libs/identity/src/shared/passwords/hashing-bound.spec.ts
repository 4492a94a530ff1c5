import { DomainError } from '@latchkey/building-blocks';
import { HashingBound, type HashingPriority } from './hashing-bound';
import { OWASP_SCRYPT, PasswordHasher } from './password-hasher';

/** Work that finishes only when the test says so. */
function gate() {
  const finishers: (() => void)[] = [];
  const started: string[] = [];
  const work = (name: string) => () =>
    new Promise<string>((resolve) => {
      started.push(name);
      finishers.push(() => resolve(name));
    });
  const finishOne = async () => {
    finishers.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { work, started, finishOne };
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ ok: value }),
    (error: DomainError) => ({ code: error.code, kind: error.kind, retryAfterSeconds: error.details.retryAfterSeconds }),
  );

describe('HashingBound', () => {
  it('runs at most `concurrency` at a time and starts the next as one finishes', async () => {
    const bound = new HashingBound({ concurrency: 2, maxWaiting: 10 });
    const { work, started, finishOne } = gate();
    const results = ['a', 'b', 'c', 'd'].map((name) => bound.run('new-password', work(name)));
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['a', 'b']);
    expect(bound.load).toEqual({ running: 2, waiting: 2 });
    await finishOne();
    expect(started).toEqual(['a', 'b', 'c']);
    await finishOne();
    await finishOne();
    await finishOne();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(bound.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses with 503 BUSY and a Retry-After once `maxWaiting` wait, instead of queueing', async () => {
    const bound = new HashingBound({ concurrency: 2, maxWaiting: 3 });
    const { work, finishOne } = gate();
    const accepted = ['a', 'b', 'c', 'd', 'e'].map((name) => outcome(bound.run('new-password', work(name))));
    const refused = await outcome(bound.run('new-password', work('f')));
    expect(refused).toEqual({ code: 'BUSY', kind: 'unavailable', retryAfterSeconds: expect.any(Number) });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(bound.load).toEqual({ running: 2, waiting: 3 });
    for (let i = 0; i < 5; i++) await finishOne();
    expect(await Promise.all(accepted)).toEqual(['a', 'b', 'c', 'd', 'e'].map((ok) => ({ ok })));
  });

  it('serves checks of existing passwords before new-password hashes', async () => {
    const bound = new HashingBound({ concurrency: 1, maxWaiting: 10 });
    const { work, started, finishOne } = gate();
    const queue: [string, HashingPriority][] = [
      ['signup-1', 'new-password'],
      ['signup-2', 'new-password'],
      ['login-1', 'check'],
      ['signup-3', 'new-password'],
      ['login-2', 'check'],
    ];
    const results = queue.map(([name, priority]) => bound.run(priority, work(name)));
    for (let i = 0; i < queue.length; i++) await finishOne();
    await Promise.all(results);
    expect(started).toEqual(['signup-1', 'login-1', 'login-2', 'signup-2', 'signup-3']);
  });

  it('lets a check take the place of the newest waiting new-password hash when the list is full', async () => {
    const bound = new HashingBound({ concurrency: 1, maxWaiting: 2 });
    const { work, started, finishOne } = gate();
    const signups = ['s1', 's2', 's3'].map((name) => outcome(bound.run('new-password', work(name))));
    const login = outcome(bound.run('check', work('login')));
    expect(await signups[2]).toMatchObject({ code: 'BUSY' });
    expect(bound.load).toEqual({ running: 1, waiting: 2 });
    for (let i = 0; i < 3; i++) await finishOne();
    expect(await login).toEqual({ ok: 'login' });
    expect(started).toEqual(['s1', 'login', 's2']);
    // A list full of checks refuses the next check too.
    const checks = ['c1', 'c2', 'c3'].map((name) => outcome(bound.run('check', work(name))));
    expect(await outcome(bound.run('check', work('c4')))).toMatchObject({ code: 'BUSY' });
    for (let i = 0; i < 3; i++) await finishOne();
    await Promise.all(checks);
  });

  it('keeps going after a failing hash', async () => {
    const bound = new HashingBound({ concurrency: 1, maxWaiting: 2 });
    const failing = bound.run('new-password', () => Promise.reject(new Error('boom')));
    const next = bound.run('new-password', async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
    expect(bound.load).toEqual({ running: 0, waiting: 0 });
  });
});

describe('PasswordHasher under the bound', () => {
  it('answers 503 BUSY past the wait list and works again once it drains', async () => {
    const hasher = new PasswordHasher({ ...OWASP_SCRYPT, N: 2 ** 10 }, { concurrency: 1, maxWaiting: 1 });
    const encoded = await hasher.hash('correct horse battery');
    const results = await Promise.all(['a1', 'a2', 'a3'].map((p) => outcome(hasher.hash(`correct horse ${p}`))));
    expect(results.filter((r) => 'code' in r && r.code === 'BUSY')).toHaveLength(1);
    await expect(hasher.verify('correct horse battery', encoded)).resolves.toBe(true);
    expect(hasher.load).toEqual({ running: 0, waiting: 0 });
  });

  it('does not keep a refused dummy hash: the next unknown-account check makes it', async () => {
    const hasher = new PasswordHasher({ ...OWASP_SCRYPT, N: 2 ** 10 }, { concurrency: 1, maxWaiting: 0 });
    const first = hasher.hash('correct horse battery');
    await expect(hasher.verifyAgainstDummy('anything')).rejects.toMatchObject({ code: 'BUSY' });
    await first;
    await expect(hasher.verifyAgainstDummy('anything')).resolves.toBe(false);
  });
});
