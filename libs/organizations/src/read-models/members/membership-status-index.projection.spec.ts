import { type GivenEvent, projectionSpec } from '@latchkey/event-store/testing';
import type { ReadModelDb } from '@latchkey/event-store';
import { MemberListProjection } from './member-list.projection';
import { MembershipStatusIndex } from './membership-status-index.projection';

const ORG = 'org-a';
const OTHER = 'org-b';
const at = '2026-03-01T10:00:00.000Z';
const org = (organizationId: string): GivenEvent => ({
  streamName: `organization-${organizationId}`,
  type: 'OrganizationCreated',
  data: { organizationId, name: organizationId, createdAt: at },
});
const joined = (organizationId: string, userId: string): GivenEvent => ({
  streamName: `organization-${organizationId}`,
  type: 'MemberJoined',
  data: { organizationId, userId, email: `${userId}@example.test`, name: userId, role: 'user', permissions: [], invitationId: null, joinedAt: at },
});
const removed = (organizationId: string, userId: string): GivenEvent => ({
  streamName: `organization-${organizationId}`,
  type: 'MemberRemoved',
  data: { organizationId, userId, removedAt: at },
});
const updated = (organizationId: string, userId: string, role = 'developer'): GivenEvent => ({
  streamName: `organization-${organizationId}`,
  type: 'MemberUpdated',
  data: { organizationId, userId, role, permissions: ['ReadAccounts'], updatedAt: at },
});

const history: GivenEvent[] = [
  org(ORG),
  org(OTHER),
  joined(ORG, 'ann'),
  joined(ORG, 'bob'),
  removed(ORG, 'bob'),
  joined(OTHER, 'cy'),
  // a removal by another organization changes nothing
  removed(ORG, 'cy'),
  joined(ORG, 'dee'),
  updated(ORG, 'dee'),
  joined(ORG, 'eve'),
  removed(ORG, 'eve'),
  // removed, then joined another organization
  joined(OTHER, 'eve'),
  { ...joined(ORG, 'fay'), streamName: 'other-1' },
];

const statuses = (index: MembershipStatusIndex) => Object.fromEntries(['ann', 'bob', 'cy', 'dee', 'eve', 'fay'].map((u) => [u, index.statusOf(u)]));
const tableStatuses = (db: ReadModelDb) =>
  Object.fromEntries(
    (db.prepare('SELECT user_id, status FROM org_members').all() as { user_id: string; status: string }[]).map((r) => [r.user_id, r.status]),
  );

describe('membership status index', () => {
  it('is the member-list projection, to the runner', () => {
    const index = new MembershipStatusIndex();
    expect({ name: index.name, version: index.version }).toEqual({
      name: new MemberListProjection().name,
      version: new MemberListProjection().version,
    });
  });

  it('follows each event as the rows do', () => {
    const index = new MembershipStatusIndex();
    const db = projectionSpec(index).given(history);
    const expected = { ann: 'active', bob: 'removed', cy: 'active', dee: 'active', eve: 'active', fay: null };
    expect(statuses(index)).toEqual(expected);
    expect({ ...tableStatuses(db), fay: null }).toEqual(expected);
  });

  it('is rebuilt from the rows when the runner starts, and emptied with them', () => {
    const db = projectionSpec(new MembershipStatusIndex()).given(history);
    const restarted = new MembershipStatusIndex();
    restarted.load(db);
    expect(statuses(restarted)).toEqual({ ann: 'active', bob: 'removed', cy: 'active', dee: 'active', eve: 'active', fay: null });
    restarted.reset(db);
    expect(statuses(restarted)).toEqual({ ann: null, bob: null, cy: null, dee: null, eve: null, fay: null });
    expect(tableStatuses(db)).toEqual({});
  });
});

describe('membership status index: developer access', () => {
  const USERS = ['ann', 'bob', 'cy', 'dee', 'eve', 'fay', 'gus'];
  const access = (index: MembershipStatusIndex, organizationId: string) =>
    Object.fromEntries(USERS.map((u) => [u, index.hasDeveloperAccess(organizationId, u)]));
  const roles: GivenEvent[] = [
    org(ORG),
    org(OTHER),
    // joins as `user`, promoted
    joined(ORG, 'ann'),
    updated(ORG, 'ann', 'developer'),
    // promoted, then demoted to `user`
    joined(ORG, 'bob'),
    updated(ORG, 'bob', 'developer_admin'),
    updated(ORG, 'bob', 'user'),
    // demoted, then promoted back
    joined(ORG, 'cy'),
    updated(ORG, 'cy', 'developer'),
    updated(ORG, 'cy', 'user'),
    updated(ORG, 'cy', 'developer'),
    // a developer who was removed
    joined(ORG, 'dee'),
    updated(ORG, 'dee', 'developer'),
    removed(ORG, 'dee'),
    // a developer of the other organization; a change there by this one's stream changes nothing
    joined(OTHER, 'eve'),
    updated(OTHER, 'eve', 'developer'),
    updated(ORG, 'eve', 'user'),
    // a member with role `user` who was never promoted
    joined(ORG, 'fay'),
    // not an organization stream
    { ...updated(ORG, 'fay', 'developer'), streamName: 'other-1' },
  ];
  const expectedOrg = { ann: true, bob: false, cy: true, dee: false, eve: false, fay: false, gus: false };
  const expectedOther = { ann: false, bob: false, cy: false, dee: false, eve: true, fay: false, gus: false };

  it('holds for developers and developer admins of that organization only, following each change of role', () => {
    const index = new MembershipStatusIndex();
    projectionSpec(index).given(roles);
    expect(access(index, ORG)).toEqual(expectedOrg);
    expect(access(index, OTHER)).toEqual(expectedOther);
  });

  it('agrees with the rows', () => {
    const db = projectionSpec(new MembershipStatusIndex()).given(roles);
    const rows = db.prepare('SELECT user_id, organization_id, role, status FROM org_members').all() as {
      user_id: string;
      organization_id: string;
      role: string;
      status: string;
    }[];
    const fromRows = (organizationId: string) =>
      Object.fromEntries(
        USERS.map((u) => {
          const row = rows.find((r) => r.user_id === u);
          return [u, !!row && row.organization_id === organizationId && row.status === 'active' && row.role !== 'user'];
        }),
      );
    expect(fromRows(ORG)).toEqual(expectedOrg);
    expect(fromRows(OTHER)).toEqual(expectedOther);
  });

  it('is rebuilt from the rows when the runner starts', () => {
    const db = projectionSpec(new MembershipStatusIndex()).given(roles);
    const restarted = new MembershipStatusIndex();
    restarted.load(db);
    expect(access(restarted, ORG)).toEqual(expectedOrg);
    expect(access(restarted, OTHER)).toEqual(expectedOther);
  });
});
