import type { QueryBus } from '@nestjs/cqrs';
import { GetCredentialAllowlistEntryQuery } from '@latchkey/credentials';
import type { UserStatus, UserStatusLookup } from '@latchkey/identity';
import type { AppClientView, MembershipStatus, OrganizationsLookup } from '@latchkey/organizations';
import { ModuleTokenDirectory } from './module-token-directory';

const client: AppClientView = {
  clientId: 'prd_1',
  environment: 'production',
  appId: 'app-1',
  appName: 'Sync',
  organizationId: 'org-1',
  organizationName: 'Acme',
  grantTypes: ['jwt_bearer'],
  scopes: ['ReadAccounts'],
};

describe('ModuleTokenDirectory', () => {
  const users = new Map<string, UserStatus>();
  const memberships = new Map<string, MembershipStatus>();
  const executed: unknown[] = [];
  const directory = new ModuleTokenDirectory(
    { execute: async (query: unknown) => (executed.push(query), null) } as unknown as QueryBus,
    {
      verifyClientSecret: (clientId: string, secret: string) => (clientId === 'prd_1' && secret === 's3cret' ? client : null),
      appClient: (clientId: string) => (clientId === 'prd_1' ? client : null),
      membershipStatus: (userId: string) => memberships.get(userId) ?? null,
    } satisfies OrganizationsLookup,
    { statusOf: (userId: string) => users.get(userId) ?? null } satisfies UserStatusLookup,
  );

  it('answers clients from the organizations lookup', () => {
    expect(directory.verifyClientSecret('prd_1', 's3cret')).toBe(client);
    expect(directory.verifyClientSecret('prd_1', 'wrong')).toBeNull();
    expect(directory.client('prd_1')).toBe(client);
    expect(directory.client('nope')).toBeNull();
  });

  it('asks the credentials module for the allowlist entry', async () => {
    expect(await directory.allowlistEntry('cred-1')).toBeNull();
    expect(executed).toEqual([new GetCredentialAllowlistEntryQuery('cred-1')]);
  });

  it('finds an owner active when the user is active and not a removed member', () => {
    users.set('ann', 'active');
    memberships.set('ann', 'active');
    users.set('bob', 'active');
    memberships.set('bob', 'removed');
    users.set('cy', 'deactivated');
    memberships.set('cy', 'active');
    users.set('dee', 'active');
    expect(['ann', 'bob', 'cy', 'dee', 'unknown'].map((u) => directory.ownerActive(u))).toEqual([true, false, false, true, false]);
  });
});
