import { projectionSpec } from '@latchkey/event-store/testing';
import type { ReadModelDb } from '@latchkey/event-store';
import { MemberListProjection } from './member-list.projection';

const projection = new MemberListProjection();
const ORG = 'org-a';
const OTHER = 'org-b';
const at = '2026-03-01T10:00:00.000Z';
const org = (organizationId: string, name: string) => ({
  streamName: `organization-${organizationId}`,
  type: 'OrganizationCreated',
  data: { organizationId, name, createdAt: at },
});
const joined = (organizationId: string, userId: string, role: string, permissions: string[]) => ({
  streamName: `organization-${organizationId}`,
  type: 'MemberJoined',
  data: { organizationId, userId, email: `${userId}@example.test`, name: userId.toUpperCase(), role, permissions, invitationId: null, joinedAt: at },
});
const rows = (db: ReadModelDb) =>
  db.prepare('SELECT organization_id, user_id, email, name, role, permissions, status FROM org_members ORDER BY joined_position').all();

describe('member list projection', () => {
  it('lists members per organization with role, permissions and status', () => {
    const db = projectionSpec(projection).given([
      org(ORG, 'Acme'),
      joined(ORG, 'ann', 'developer_admin', ['ReadAccounts', 'EditAccounts']),
      org(OTHER, 'Globex'),
      joined(OTHER, 'gus', 'developer_admin', ['ReadAccounts']),
      joined(ORG, 'bob', 'user', ['ReadAccounts']),
      {
        streamName: `organization-${ORG}`,
        type: 'MemberUpdated',
        data: { organizationId: ORG, userId: 'bob', role: 'developer', permissions: ['ReadExtensions'], updatedAt: at },
      },
      joined(ORG, 'cy', 'developer', []),
      { streamName: `organization-${ORG}`, type: 'MemberRemoved', data: { organizationId: ORG, userId: 'cy', removedAt: at } },
    ]);
    expect(rows(db)).toEqual([
      {
        organization_id: ORG,
        user_id: 'ann',
        email: 'ann@example.test',
        name: 'ANN',
        role: 'developer_admin',
        permissions: '["ReadAccounts","EditAccounts"]',
        status: 'active',
      },
      {
        organization_id: OTHER,
        user_id: 'gus',
        email: 'gus@example.test',
        name: 'GUS',
        role: 'developer_admin',
        permissions: '["ReadAccounts"]',
        status: 'active',
      },
      {
        organization_id: ORG,
        user_id: 'bob',
        email: 'bob@example.test',
        name: 'BOB',
        role: 'developer',
        permissions: '["ReadExtensions"]',
        status: 'active',
      },
      { organization_id: ORG, user_id: 'cy', email: 'cy@example.test', name: 'CY', role: 'developer', permissions: '[]', status: 'removed' },
    ]);
    expect(db.prepare('SELECT organization_id, name FROM org_organizations ORDER BY name').all()).toEqual([
      { organization_id: ORG, name: 'Acme' },
      { organization_id: OTHER, name: 'Globex' },
    ]);
  });

  it('records each member’s kind: people, and service users an admin created', () => {
    const svc = joined(ORG, 'svc', 'developer', ['ReadAccounts']);
    const db = projectionSpec(projection).given([
      org(ORG, 'Acme'),
      joined(ORG, 'ann', 'developer_admin', ['ReadAccounts']),
      { ...svc, data: { ...svc.data, kind: 'service', addedBy: 'ann' } },
    ]);
    expect(db.prepare('SELECT user_id, kind FROM org_members ORDER BY joined_position').all()).toEqual([
      { user_id: 'ann', kind: 'person' },
      { user_id: 'svc', kind: 'service' },
    ]);
  });

  it('adds the kind column to a table made before it existed, every earlier member a person', () => {
    const db = projectionSpec(projection).given([org(ORG, 'Acme'), joined(ORG, 'ann', 'developer_admin', [])]);
    db.exec('ALTER TABLE org_members DROP COLUMN kind');
    projection.setup(db);
    expect(db.prepare('SELECT user_id, kind FROM org_members').all()).toEqual([{ user_id: 'ann', kind: 'person' }]);
  });

  it('ignores events of other streams, even with the same type names', () => {
    const db = projectionSpec(projection).given([org(ORG, 'Acme'), { ...joined(ORG, 'ann', 'developer_admin', []), streamName: 'other-1' }]);
    expect(rows(db)).toEqual([]);
  });

  it('does not let an update for another organization touch a member', () => {
    const db = projectionSpec(projection).given([
      org(ORG, 'Acme'),
      joined(ORG, 'ann', 'developer_admin', ['ReadAccounts']),
      { streamName: `organization-${OTHER}`, type: 'MemberRemoved', data: { organizationId: OTHER, userId: 'ann', removedAt: at } },
    ]);
    expect(rows(db)).toEqual([expect.objectContaining({ user_id: 'ann', status: 'active' })]);
  });

  it('starts over on reset', () => {
    const db = projectionSpec(projection).given([org(ORG, 'Acme'), joined(ORG, 'ann', 'developer_admin', [])]);
    projection.reset(db);
    expect(rows(db)).toEqual([]);
  });
});
