import { type Counter, MemoryThrottleStores, type ThrottleStore, ThrottleStores } from '@latchkey/building-blocks';
import { ManualClock } from '@latchkey/building-blocks/testing';
import type { AuthApiRequest } from '../auth-api-request';
import { OAuthError } from '../oauth-error';
import type { DirectoryClient } from '../token-directory/token-directory';
import { ClientAuthenticator } from './client-authenticator';

const CLIENT: DirectoryClient = { clientId: 'prd_app', environment: 'production', organizationId: 'org', grantTypes: ['jwt_bearer'], scopes: [] };
const SECRET = 'the-secret';
const directory = {
  verifyClientSecret: (clientId: string, secret: string) => (clientId === CLIENT.clientId && secret === SECRET ? CLIENT : null),
};

const request = (secret: string, address = '198.51.100.7'): AuthApiRequest => ({
  params: new Map(),
  authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${secret}`).toString('base64')}`,
  address,
  correlationId: 'c',
});

/** A shared store as the authenticator sees it: every operation waits until the test answers it. */
class HeldStores extends ThrottleStores {
  readonly pending: { operation: string; key: string; answer: (value: Counter | null | void) => void; fail: (error: Error) => void }[] = [];

  forThrottle(name: string): ThrottleStore {
    const held = <T>(operation: string, key: string) =>
      new Promise<T>((resolve, reject) =>
        this.pending.push({ operation: `${name} ${operation}`, key, answer: (value) => resolve(value as T), fail: reject }),
      );
    return {
      get: (key) => held('get', key),
      add: (key) => held('add', key),
      set: (key) => held('set', key),
      delete: (...keys) => held('delete', keys.join(' ')),
    };
  }
}

const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Starts an authentication with the right secret on held stores; answers its outcome and the two lockout reads it sent. */
async function authenticationOnHeldStores() {
  const stores = new HeldStores();
  const answer = new ClientAuthenticator(directory, stores).authenticate('production', request(SECRET)).catch((error: unknown) => error);
  await settled();
  const [address, client] = stores.pending.splice(0);
  return { stores, answer, address, client };
}

describe('ClientAuthenticator', () => {
  it('asks the store for the address’s and the client’s lockouts at once, and answers without waiting for the reset', async () => {
    const stores = new HeldStores();
    const authenticator = new ClientAuthenticator(directory, stores);
    let authenticated: DirectoryClient | undefined;
    void authenticator.authenticate('production', request(SECRET)).then((client) => (authenticated = client));
    await settled();
    expect(stores.pending.map((p) => p.operation)).toEqual(['client-authentication.address get', 'client-authentication.client get']);

    for (const read of stores.pending.splice(0)) read.answer(null);
    await settled();
    expect(authenticated).toBe(CLIENT);
    // The reset of the client's failures was sent, and is still unanswered.
    expect(stores.pending.map((p) => [p.operation, p.key])).toEqual([
      ['client-authentication.client delete', 'fail:prd_app 198.51.100.7 lock:prd_app 198.51.100.7 streak:prd_app 198.51.100.7'],
    ]);
  });

  it('refuses a locked-out address before looking at the secret', async () => {
    const { stores, answer, address, client } = await authenticationOnHeldStores();
    address.answer({ value: 1, ttlMs: 12_500 });
    client.answer(null);
    const refused = await answer;
    expect(refused).toBeInstanceOf(OAuthError);
    expect(refused).toMatchObject({ status: 429, headers: { 'retry-after': '13' } });
    expect(stores.pending).toEqual([]);
  });

  it('leaves no rejection unhandled when the store fails the client read after the address settled the request', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const { answer, address, client } = await authenticationOnHeldStores();
      address.answer({ value: 1, ttlMs: 1000 });
      expect(await answer).toMatchObject({ status: 429 });
      client.fail(new Error('store unreachable'));
      await settled();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('fails with the store when only the client read fails', async () => {
    const { answer, address, client } = await authenticationOnHeldStores();
    client.fail(new Error('store unreachable'));
    address.answer(null);
    expect(await answer).toEqual(new Error('store unreachable'));
  });

  it('clears the failures of a client and address once it authenticates', async () => {
    const authenticator = new ClientAuthenticator(directory, new MemoryThrottleStores(new ManualClock()));
    const attempt = (secret: string) =>
      authenticator.authenticate('production', request(secret)).then(
        () => 200,
        (error: OAuthError) => error.status,
      );
    for (let i = 0; i < 9; i++) expect(await attempt('wrong')).toBe(401);
    expect(await attempt(SECRET)).toBe(200);
    // Without the reset, the first of these would be the tenth failure in the window and lock it out.
    for (let i = 0; i < 9; i++) expect(await attempt('wrong')).toBe(401);
    expect(await attempt('wrong')).toBe(401);
    expect(await attempt(SECRET)).toBe(429);
  });
});
