import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import type { MembershipStatus, Role } from '../../contracts';
import { ORGANIZATION_EVENT_TYPES, ORGANIZATION_STREAM_PREFIX, type OrganizationEvent } from '../../domain/organization/organization.events';
import { MemberListProjection } from './member-list.projection';

interface Membership {
  organizationId: string;
  status: MembershipStatus;
  role: Role;
}

/**
 * The status and role of every user's membership in a Map, for `OrganizationsLookup`. It is the member-list
 * projection itself, as the projection runner sees it (same name, version, tables and
 * checkpoint): each event is applied to the projection's rows and then to the Map, in the same
 * batch, and the Map is rebuilt from the rows when the runner starts. So a removal or a change of
 * role is seen here exactly when it is in the table.
 */
@Projection()
@Injectable()
export class MembershipStatusIndex implements Projection<OrganizationEvent> {
  readonly eventTypes = ORGANIZATION_EVENT_TYPES;
  private readonly memberList = new MemberListProjection();
  private readonly memberships = new Map<string, Membership>();

  get name(): string {
    return this.memberList.name;
  }

  get version(): number {
    return this.memberList.version;
  }

  /** The status of the user's membership, or null when the user belongs to no organization. */
  statusOf(userId: string): MembershipStatus | null {
    return this.memberships.get(userId)?.status ?? null;
  }

  /** Whether the user is an active member of this organization with the role `developer` or `developer_admin`. */
  hasDeveloperAccess(organizationId: string, userId: string): boolean {
    const membership = this.memberships.get(userId);
    return membership !== undefined && membership.organizationId === organizationId && membership.status === 'active' && membership.role !== 'user';
  }

  setup(db: ReadModelDb): void {
    this.memberList.setup(db);
  }

  reset(db: ReadModelDb): void {
    this.memberList.reset(db);
    this.memberships.clear();
  }

  load(db: ReadModelDb): void {
    this.memberships.clear();
    const rows = db.prepare('SELECT user_id, organization_id, status, role FROM org_members').iterate() as Iterable<{
      user_id: string;
      organization_id: string;
      status: MembershipStatus;
      role: Role;
    }>;
    for (const row of rows) this.memberships.set(row.user_id, { organizationId: row.organization_id, status: row.status, role: row.role });
  }

  apply(event: Recorded<OrganizationEvent>, db: ReadModelDb): void {
    this.memberList.apply(event, db);
    if (!event.streamName.startsWith(ORGANIZATION_STREAM_PREFIX)) return;
    // As the rows: one membership per user, replaced when they join; a change of role and a
    // removal apply to the membership of that organization only.
    if (event.type === 'MemberJoined') {
      this.memberships.set(event.data.userId, { organizationId: event.data.organizationId, status: 'active', role: event.data.role });
      return;
    }
    if (event.type !== 'MemberUpdated' && event.type !== 'MemberRemoved') return;
    const membership = this.memberships.get(event.data.userId);
    if (!membership || membership.organizationId !== event.data.organizationId) return;
    if (event.type === 'MemberUpdated') this.memberships.set(event.data.userId, { ...membership, role: event.data.role });
    else this.memberships.set(event.data.userId, { ...membership, status: 'removed' });
  }
}
