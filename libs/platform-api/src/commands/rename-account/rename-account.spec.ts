import { ManualClock } from '@latchkey/building-blocks/testing';
import type { DeciderExecutor } from '@latchkey/event-store';
import type { LiveAccessToken } from '@latchkey/token-issuance';
import type { MembershipView } from '@latchkey/organizations';
import { platformAccountId } from '../../domain/platform-account/platform-account.events';
import { PlatformError } from '../../http/platform-errors';
import { GetAccount } from '../../queries/get-account/get-account';
import { RenameAccount } from './rename-account';

const principal = {
  token: { clientId: 'client-1', environmentUserId: 'env-user-1' } as LiveAccessToken,
  membership: { organizationId: 'org-1', organizationName: 'Acme', userId: 'user-1', email: 'luke@example.test' } as MembershipView,
};

describe('RenameAccount', () => {
  let names: Map<string, string>;
  let executed: unknown[][];
  let rename: RenameAccount;

  beforeEach(() => {
    names = new Map();
    executed = [];
    const executor: Pick<DeciderExecutor, 'execute'> = {
      execute: async (...args: unknown[]) => {
        executed.push(args);
        const command = args[2] as { name: string };
        names.set('org-1', command.name);
        return { events: [], nextExpectedRevision: 0n } as never;
      },
    };
    rename = new RenameAccount(
      new GetAccount({ nameOf: (organizationId) => names.get(organizationId) ?? null }),
      executor,
      new ManualClock(Date.UTC(2026, 5, 1)),
    );
  });

  const refusal = async (body: unknown) => {
    const error = await rename.execute('sandbox', principal, '~', body, 'corr-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(executed).toEqual([]);
    return { status: (error as PlatformError).status, body: (error as PlatformError).body };
  };

  it('renames the account, trimming the name, with the caller in the event metadata', async () => {
    const view = await rename.execute('sandbox', principal, '~', { name: '  Acme Sandbox ' }, 'corr-1');
    expect(view).toEqual({ id: platformAccountId('org-1', 'sandbox'), name: 'Acme Sandbox', environment: 'sandbox' });
    expect(executed).toEqual([
      [
        expect.anything(),
        'platformAccount-org-1_sandbox',
        {
          type: 'RenamePlatformAccount',
          accountId: platformAccountId('org-1', 'sandbox'),
          organizationId: 'org-1',
          environment: 'sandbox',
          name: 'Acme Sandbox',
          at: '2026-06-01T00:00:00.000Z',
        },
        { metadata: { correlationId: 'corr-1', actor: { userId: 'user-1', email: 'luke@example.test' }, clientId: 'client-1' } },
      ],
    ]);
  });

  it('refuses an empty or overlong name', async () => {
    for (const name of ['   ', 'x'.repeat(101), 7]) {
      expect(await refusal({ name })).toMatchObject({ status: 400, body: { errors: [{ errorCode: 'CMN-101', parameterName: 'name' }] } });
    }
  });

  it('refuses another field, and a body that is not an object', async () => {
    expect(await refusal({ name: 'Acme', other: 1 })).toMatchObject({ status: 400, body: { errors: [{ parameterName: 'other' }] } });
    expect(await refusal(['Acme'])).toMatchObject({ status: 400, body: { errorCode: 'CMN-100' } });
  });

  it('answers 404 for an account that is not the caller’s, before reading the body', async () => {
    expect(await refusal({})).toMatchObject({ status: 400 });
    const error = await rename.execute('sandbox', principal, '123', { name: '' }, 'corr-1').catch((e: unknown) => e);
    expect((error as PlatformError).status).toBe(404);
  });
});
