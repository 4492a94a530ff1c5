import { readOnboarding } from './onboarding';

describe('readOnboarding', () => {
  const ORG = 'a1b2c3d4-0000-4000-8000-000000000001';

  it('reads the organization a signup founds', () => {
    expect(readOnboarding({ kind: 'found-organization', organizationId: ORG, organizationName: 'Acme' })).toEqual({
      kind: 'found-organization',
      organizationId: ORG,
      organizationName: 'Acme',
    });
  });

  it('reads the organization an invitation joins, with its role and permissions', () => {
    const onboarding = { kind: 'join-organization', organizationId: ORG, invitationId: 'inv-1', role: 'developer', permissions: ['ReadAccounts'] };
    expect(readOnboarding(onboarding)).toEqual(onboarding);
  });

  it('reads the inviter an invitation was issued by, when the registration kept it', () => {
    const onboarding = {
      kind: 'join-organization',
      organizationId: ORG,
      invitationId: 'inv-1',
      role: 'developer',
      permissions: ['ReadAccounts'],
      invitedBy: 'u-admin',
    };
    expect(readOnboarding(onboarding)).toEqual(onboarding);
  });

  it('reads the service user an admin added, with its role, permissions and admin', () => {
    const onboarding = { kind: 'add-service-user', organizationId: ORG, role: 'developer', permissions: ['ReadAccounts'], addedBy: 'u-admin' };
    expect(readOnboarding(onboarding)).toEqual(onboarding);
  });

  it.each([
    ['nothing', undefined],
    ['a service user without its admin', { kind: 'add-service-user', organizationId: ORG, role: 'developer', permissions: [] }],
    [
      'a service user with a permission outside the catalog',
      { kind: 'add-service-user', organizationId: ORG, role: 'developer', permissions: ['All'], addedBy: 'u' },
    ],
    [
      'an inviter that is not a user id',
      { kind: 'join-organization', organizationId: ORG, invitationId: 'inv-1', role: 'user', permissions: [], invitedBy: ['u1'] },
    ],
    ['another kind', { kind: 'something-else', organizationId: ORG }],
    ['no organization', { kind: 'found-organization', organizationName: 'Acme' }],
    ['no name', { kind: 'found-organization', organizationId: ORG }],
    ['a blank name', { kind: 'found-organization', organizationId: ORG, organizationName: '  ' }],
    ['a name with a control character', { kind: 'found-organization', organizationId: ORG, organizationName: 'Acme\u0000' }],
    ['a name over 100 characters', { kind: 'found-organization', organizationId: ORG, organizationName: 'x'.repeat(101) }],
    ['an unknown role', { kind: 'join-organization', organizationId: ORG, invitationId: 'inv-1', role: 'root', permissions: [] }],
    ['an unknown permission', { kind: 'join-organization', organizationId: ORG, invitationId: 'inv-1', role: 'user', permissions: ['Everything'] }],
    [
      'permissions that are not a list',
      { kind: 'join-organization', organizationId: ORG, invitationId: 'inv-1', role: 'user', permissions: 'ReadAccounts' },
    ],
  ])('ignores %s', (_, onboarding) => {
    expect(readOnboarding(onboarding)).toBeNull();
  });
});
