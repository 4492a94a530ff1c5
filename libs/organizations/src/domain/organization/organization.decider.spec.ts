import { deciderSpec } from '@latchkey/event-store/testing';
import type { Permission } from '../../contracts';
import type { OrganizationEvent } from './organization.events';
import { organizationDecider } from './organization.decider';

const ORG = '6f1c2a8e-0000-4000-8000-000000000001';
const AT = '2026-03-01T10:00:00.000Z';
const ALL: Permission[] = ['ReadAccounts', 'EditAccounts', 'ReadExtensions', 'EditExtensions'];

const created: OrganizationEvent = { type: 'OrganizationCreated', data: { organizationId: ORG, name: 'Acme', createdAt: AT } };
const joined = (userId: string, role: 'user' | 'developer' | 'developer_admin', permissions: string[] = ['ReadAccounts']): OrganizationEvent =>
  ({
    type: 'MemberJoined',
    data: {
      organizationId: ORG,
      userId,
      email: `${userId}@acme.test`,
      name: userId,
      role,
      permissions,
      invitationId: userId === 'ann' ? null : 'inv-1',
      joinedAt: AT,
    },
  }) as OrganizationEvent;
const founder = joined('ann', 'developer_admin', ALL);
const spec = () => deciderSpec(organizationDecider);

describe('organization decider', () => {
  describe('CreateOrganization', () => {
    it('creates the organization with its founder as a developer_admin holding every permission', () => {
      spec()
        .given([])
        .when({
          type: 'CreateOrganization',
          organizationId: ORG,
          name: '  Acme ',
          founder: { userId: 'ann', email: 'ann@acme.test', name: 'ann' },
          at: AT,
        })
        .then([created, founder]);
    });

    it('refuses to create it twice', () => {
      spec()
        .given([created, founder])
        .when({
          type: 'CreateOrganization',
          organizationId: ORG,
          name: 'Acme',
          founder: { userId: 'bob', email: 'b@acme.test', name: 'Bob' },
          at: AT,
        })
        .thenFails('ORGANIZATION_EXISTS', 'conflict');
    });

    it('changes nothing when the same founder founds it again (a retry, or the recovery of an interrupted signup)', () => {
      const again = {
        type: 'CreateOrganization' as const,
        organizationId: ORG,
        name: 'Acme',
        founder: { userId: 'ann', email: 'ann@acme.test', name: 'ann' },
        at: AT,
      };
      spec().given([created, founder]).when(again).then([]);
      spec()
        .given([created, founder, { type: 'MemberRemoved', data: { organizationId: ORG, userId: 'ann', removedAt: AT } } as OrganizationEvent])
        .when(again)
        .thenFails('ORGANIZATION_EXISTS', 'conflict');
    });
  });

  describe('JoinOrganization', () => {
    const join = (userId: string) => ({
      type: 'JoinOrganization' as const,
      member: { userId, email: `${userId}@acme.test`, name: userId },
      role: 'developer' as const,
      permissions: ['ReadExtensions', 'ReadAccounts'] as ('ReadExtensions' | 'ReadAccounts')[],
      invitationId: 'inv-1',
      at: AT,
    });

    it('adds the member with the invited role and permissions in catalog order', () => {
      spec()
        .given([created, founder])
        .when(join('bob'))
        .then([joined('bob', 'developer', ['ReadAccounts', 'ReadExtensions'])]);
    });

    it('changes nothing when the same active member joins again (a retried acceptance)', () => {
      spec()
        .given([created, founder, joined('bob', 'developer')])
        .when(join('bob'))
        .then([]);
    });

    it('fails for an organization that does not exist', () => {
      spec().given([]).when(join('bob')).thenFails('ORGANIZATION_NOT_FOUND', 'not-found');
    });

    it('adds the member while the inviter is an active developer_admin', () => {
      spec()
        .given([created, founder])
        .when({ ...join('bob'), invitedBy: 'ann' })
        .then([joined('bob', 'developer', ['ReadAccounts', 'ReadExtensions'])]);
    });

    it('brings no one in for an inviter who was removed or demoted, or is unknown', () => {
      const cy = joined('cy', 'developer_admin', ALL);
      const removedCy: OrganizationEvent = { type: 'MemberRemoved', data: { organizationId: ORG, userId: 'cy', removedAt: AT } };
      const demotedCy: OrganizationEvent = {
        type: 'MemberUpdated',
        data: { organizationId: ORG, userId: 'cy', role: 'user', permissions: [], previousRole: 'developer_admin', updatedAt: AT },
      };
      spec()
        .given([created, founder, cy, removedCy])
        .when({ ...join('bob'), invitedBy: 'cy' })
        .thenFails('INVITATION_NOT_FOUND', 'not-found');
      spec()
        .given([created, founder, cy, demotedCy])
        .when({ ...join('bob'), invitedBy: 'cy' })
        .thenFails('INVITATION_NOT_FOUND', 'not-found');
      spec()
        .given([created, founder])
        .when({ ...join('bob'), invitedBy: 'zed' })
        .thenFails('INVITATION_NOT_FOUND', 'not-found');
    });
  });

  describe('UpdateMember', () => {
    const update = (userId: string, change: { role?: 'user' | 'developer' | 'developer_admin'; permissions?: string[] }, actorUserId = 'ann') =>
      ({ type: 'UpdateMember', actorUserId, userId, ...change, at: AT }) as Parameters<typeof organizationDecider.decide>[0];

    it('changes role and permissions', () => {
      spec()
        .given([created, founder, joined('bob', 'user')])
        .when(update('bob', { role: 'developer', permissions: ['EditAccounts', 'ReadAccounts'] }))
        .then([
          {
            type: 'MemberUpdated',
            data: {
              organizationId: ORG,
              userId: 'bob',
              role: 'developer',
              permissions: ['ReadAccounts', 'EditAccounts'],
              previousRole: 'user',
              updatedAt: AT,
            },
          },
        ]);
    });

    it('keeps the permissions when only the role changes, and decides nothing when nothing changes', () => {
      spec()
        .given([created, founder, joined('bob', 'user', ['ReadAccounts'])])
        .when(update('bob', { role: 'developer_admin' }))
        .then([
          {
            type: 'MemberUpdated',
            data: { organizationId: ORG, userId: 'bob', role: 'developer_admin', permissions: ['ReadAccounts'], previousRole: 'user', updatedAt: AT },
          },
        ]);
      spec()
        .given([created, founder, joined('bob', 'user', ['ReadAccounts'])])
        .when(update('bob', { role: 'user', permissions: ['ReadAccounts'] }))
        .then([]);
    });

    it('refuses to demote the last developer_admin, including oneself', () => {
      spec()
        .given([created, founder])
        .when(update('ann', { role: 'developer' }))
        .thenFails('LAST_DEVELOPER_ADMIN', 'conflict');
    });

    it('lets an admin step down while another admin remains', () => {
      spec()
        .given([created, founder, joined('bob', 'developer_admin', ALL)])
        .when(update('ann', { role: 'developer' }))
        .then([
          {
            type: 'MemberUpdated',
            data: { organizationId: ORG, userId: 'ann', role: 'developer', permissions: ALL, previousRole: 'developer_admin', updatedAt: AT },
          },
        ]);
    });

    it('counts only active admins: a removed admin does not keep the organization administered', () => {
      spec()
        .given([
          created,
          founder,
          joined('bob', 'developer_admin', ALL),
          { type: 'MemberRemoved', data: { organizationId: ORG, userId: 'bob', removedAt: AT } },
        ])
        .when(update('ann', { role: 'user' }))
        .thenFails('LAST_DEVELOPER_ADMIN', 'conflict');
    });

    it('is for developer admins only', () => {
      spec()
        .given([created, founder, joined('bob', 'developer'), joined('cy', 'user')])
        .when(update('cy', { role: 'developer' }, 'bob'))
        .thenFails('DEVELOPER_ADMIN_REQUIRED', 'forbidden');
    });

    it('does not find users outside the organization, or removed members', () => {
      spec()
        .given([created, founder])
        .when(update('zed', { role: 'developer' }))
        .thenFails('MEMBER_NOT_FOUND', 'not-found');
      spec()
        .given([created, founder])
        .when(update('__proto__', { role: 'developer' }))
        .thenFails('MEMBER_NOT_FOUND', 'not-found');
      spec()
        .given([created, founder, joined('bob', 'user'), { type: 'MemberRemoved', data: { organizationId: ORG, userId: 'bob', removedAt: AT } }])
        .when(update('bob', { role: 'developer' }))
        .thenFails('MEMBER_NOT_FOUND', 'not-found');
    });
  });

  describe('AddServiceUser', () => {
    const svc = { userId: 'svc', email: 'svc@service-users.invalid', name: 'Billing sync' };
    const add = (overrides: Record<string, unknown> = {}) => ({
      type: 'AddServiceUser' as const,
      member: svc,
      role: 'developer' as const,
      permissions: ['ReadExtensions', 'ReadAccounts'] as Permission[],
      addedBy: 'ann',
      at: AT,
      ...overrides,
    });
    const serviceJoined = (role: 'developer' | 'developer_admin' = 'developer'): OrganizationEvent => ({
      type: 'MemberJoined',
      data: {
        organizationId: ORG,
        ...svc,
        role,
        permissions: ['ReadAccounts', 'ReadExtensions'],
        invitationId: null,
        joinedAt: AT,
        kind: 'service',
        addedBy: 'ann',
      },
    });

    it('adds a service user of kind "service", recording the admin who created it, permissions in catalog order', () => {
      spec().given([created, founder]).when(add()).then([serviceJoined()]);
    });

    it('is for active developer admins only', () => {
      spec()
        .given([created, founder, joined('bob', 'developer')])
        .when(add({ addedBy: 'bob' }))
        .thenFails('DEVELOPER_ADMIN_REQUIRED', 'forbidden');
      spec()
        .given([
          created,
          founder,
          joined('bob', 'developer_admin', ALL),
          { type: 'MemberRemoved', data: { organizationId: ORG, userId: 'bob', removedAt: AT } },
        ])
        .when(add({ addedBy: 'bob' }))
        .thenFails('DEVELOPER_ADMIN_REQUIRED', 'forbidden');
    });

    it('gives a service user developer access: the role `user` is refused', () => {
      spec()
        .given([created, founder])
        .when(add({ role: 'user' }))
        .thenFails('VALIDATION_FAILED', 'validation');
    });

    it('changes nothing when the same step is retried; an existing person is a conflict', () => {
      spec().given([created, founder, serviceJoined()]).when(add()).then([]);
      spec()
        .given([created, founder, joined('svc', 'developer')])
        .when(add())
        .thenFails('MEMBER_EXISTS', 'conflict');
    });

    it('refuses an organization that does not exist', () => {
      spec().given([]).when(add()).thenFails('ORGANIZATION_NOT_FOUND', 'not-found');
    });

    it('never counts a service user as the organization’s last admin: the last person who is one stays', () => {
      spec()
        .given([created, founder, serviceJoined('developer_admin')])
        .when({ type: 'RemoveMember', actorUserId: 'ann', userId: 'ann', at: AT })
        .thenFails('LAST_DEVELOPER_ADMIN', 'conflict');
      spec()
        .given([created, founder, serviceJoined('developer_admin')])
        .when({ type: 'UpdateMember', actorUserId: 'ann', userId: 'ann', role: 'developer', at: AT })
        .thenFails('LAST_DEVELOPER_ADMIN', 'conflict');
    });

    it('a service user admin can be removed, whoever else is an admin', () => {
      spec()
        .given([created, founder, serviceJoined('developer_admin')])
        .when({ type: 'RemoveMember', actorUserId: 'ann', userId: 'svc', at: AT })
        .then([{ type: 'MemberRemoved', data: { organizationId: ORG, userId: 'svc', removedAt: AT } }]);
    });
  });

  describe('RemoveMember', () => {
    const remove = (userId: string, actorUserId = 'ann') => ({ type: 'RemoveMember' as const, actorUserId, userId, at: AT });

    it('removes a member', () => {
      spec()
        .given([created, founder, joined('bob', 'developer')])
        .when(remove('bob'))
        .then([{ type: 'MemberRemoved', data: { organizationId: ORG, userId: 'bob', removedAt: AT } }]);
    });

    it('refuses to remove the last developer_admin, also when they remove themselves', () => {
      spec()
        .given([created, founder, joined('bob', 'developer')])
        .when(remove('ann'))
        .thenFails('LAST_DEVELOPER_ADMIN', 'conflict');
    });

    it('lets an admin leave while another admin remains', () => {
      spec()
        .given([created, founder, joined('bob', 'developer_admin', ALL)])
        .when(remove('ann'))
        .then([{ type: 'MemberRemoved', data: { organizationId: ORG, userId: 'ann', removedAt: AT } }]);
    });

    it('does not remove twice, and is for developer admins only', () => {
      const removed: OrganizationEvent = { type: 'MemberRemoved', data: { organizationId: ORG, userId: 'bob', removedAt: AT } };
      spec()
        .given([created, founder, joined('bob', 'developer'), removed])
        .when(remove('bob'))
        .thenFails('MEMBER_NOT_FOUND', 'not-found');
      spec()
        .given([created, founder, joined('bob', 'developer'), joined('cy', 'user')])
        .when(remove('cy', 'bob'))
        .thenFails('DEVELOPER_ADMIN_REQUIRED', 'forbidden');
    });

    it('does not let a removed admin act any more', () => {
      spec()
        .given([
          created,
          founder,
          joined('bob', 'developer_admin', ALL),
          joined('cy', 'user'),
          { type: 'MemberRemoved', data: { organizationId: ORG, userId: 'bob', removedAt: AT } },
        ])
        .when(remove('cy', 'bob'))
        .thenFails('DEVELOPER_ADMIN_REQUIRED', 'forbidden');
    });
  });
});
