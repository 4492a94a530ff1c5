import { hasDeveloperAccess, mayManage } from './credential-access';

describe('who may manage a credential', () => {
  const credential = { owner_id: 'u-owner', organization_id: 'org-a' };
  const member = (
    userId: string,
    role: 'user' | 'developer' | 'developer_admin',
    organizationId = 'org-a',
    status: 'active' | 'removed' = 'active',
  ) => ({
    userId,
    role,
    organizationId,
    status,
  });

  it.each([
    ['the owner (a developer)', member('u-owner', 'developer'), true],
    ['the owner whose role was lowered to user', member('u-owner', 'user'), true],
    ['a developer admin of the owner’s organization', member('u-admin', 'developer_admin'), true],
    ['another developer of the organization', member('u-dev', 'developer'), false],
    ['a plain user of the organization', member('u-user', 'user'), false],
    ['a developer admin of another organization', member('u-admin2', 'developer_admin', 'org-b'), false],
    ['a removed admin', member('u-admin', 'developer_admin', 'org-a', 'removed'), false],
  ])('%s: %p', (_who, caller, allowed) => {
    expect(mayManage(caller, credential)).toBe(allowed);
  });
});

describe('who may create and change credentials', () => {
  it.each([
    ['a developer', 'developer', 'active', true],
    ['a developer admin', 'developer_admin', 'active', true],
    ['a member with the role user (e.g. a demoted owner)', 'user', 'active', false],
    ['a removed developer', 'developer', 'removed', false],
  ] as const)('%s: %p', (_who, role, status, allowed) => {
    expect(hasDeveloperAccess({ role, status })).toBe(allowed);
  });
});
