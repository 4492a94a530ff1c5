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
const updated = (organizationId: string, userId: string): GivenEvent => ({
  streamName: `organization-${organizationId}`,
  type: 'MemberUpdated',
  data: { organizationId, userId, role: 'developer', permissions: ['ReadAccounts'], updatedAt: at },
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
