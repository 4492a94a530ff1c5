import type { CredentialAllowlistEntry, CredentialsLookup } from '@latchkey/credentials';
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
  /** `${organizationId}/${userId}` of the members with developer access. */
  const developers = new Set<string>();
  const entries = new Map<string, CredentialAllowlistEntry>();
  const directory = new ModuleTokenDirectory(
    { allowlistEntry: (credentialId: string) => entries.get(credentialId) ?? null } satisfies CredentialsLookup,
    {
      verifyClientSecret: (clientId: string, secret: string) => (clientId === 'prd_1' && secret === 's3cret' ? client : null),
      appClient: (clientId: string) => (clientId === 'prd_1' ? client : null),
      membershipStatus: (userId: string) => memberships.get(userId) ?? null,
      developerAccess: (organizationId: string, userId: string) => developers.has(`${organizationId}/${userId}`),
    } satisfies OrganizationsLookup,
    { statusOf: (userId: string) => users.get(userId) ?? null } satisfies UserStatusLookup,
  );

  it('answers clients from the organizations lookup', () => {
    expect(directory.verifyClientSecret('prd_1', 's3cret')).toBe(client);
    expect(directory.verifyClientSecret('prd_1', 'wrong')).toBeNull();
    expect(directory.client('prd_1')).toBe(client);
    expect(directory.client('nope')).toBeNull();
  });

  it('answers allowlist entries from the credentials lookup', () => {
    const entry = { credentialId: 'cred-1', status: 'active' } as CredentialAllowlistEntry;
    entries.set('cred-1', entry);
    expect(directory.allowlistEntry('cred-1')).toBe(entry);
    expect(directory.allowlistEntry('cred-2')).toBeNull();
  });

  it('finds an owner deactivated when the user is deactivated or a removed member, else active only with developer access', () => {
    const owner = (ownerId: string, organizationId = 'org-1') => directory.ownerStanding({ ownerId, organizationId });
    users.set('ann', 'active');
    memberships.set('ann', 'active');
    developers.add('org-1/ann');
    users.set('bob', 'active');
    memberships.set('bob', 'removed');
    developers.add('org-1/bob');
    users.set('cy', 'deactivated');
    memberships.set('cy', 'active');
    developers.add('org-1/cy');
    // a member with the role `user`
    users.set('dee', 'active');
    memberships.set('dee', 'active');
    // an active user who is no member
    users.set('eve', 'active');
    expect(['ann', 'bob', 'cy', 'dee', 'eve', 'unknown'].map((u) => owner(u))).toEqual([
      'active',
      'deactivated',
      'deactivated',
      'no_developer_access',
      'no_developer_access',
      'deactivated',
    ]);
    // developer access counts in the credential's organization only
    expect(owner('ann', 'org-2')).toBe('no_developer_access');
    // promoted back
    developers.add('org-1/dee');
    expect(owner('dee')).toBe('active');
  });
});
