import { Inject, Injectable } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';
import { type Page, paginate } from '@latchkey/building-blocks';
import { READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';
import type { MemberKind, MembershipView, Permission, Role } from '../../contracts';

interface MemberRow {
  user_id: string;
  organization_id: string;
  organization_name: string;
  kind: MemberKind;
  email: string;
  name: string;
  role: Role;
  permissions: string;
  status: 'active' | 'removed';
}

const SELECT_MEMBER = `
  SELECT m.user_id, m.organization_id, o.name AS organization_name, m.kind, m.email, m.name, m.role, m.permissions, m.status
  FROM org_members m JOIN org_organizations o ON o.organization_id = m.organization_id`;

const toView = (row: MemberRow): MembershipView => ({
  organizationId: row.organization_id,
  organizationName: row.organization_name,
  userId: row.user_id,
  kind: row.kind,
  email: row.email,
  name: row.name,
  role: row.role,
  permissions: JSON.parse(row.permissions) as Permission[],
  status: row.status,
});

/** Queries over the member-list projection's tables. */
@Injectable()
export class MemberListReadModel {
  /** Prepared on first use: the projection creates the tables when the runner starts. */
  private byUserId: Statement | null = null;

  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  /** The user's membership (a user belongs to at most one organization), or null. Runs on every console request. */
  membershipOf(userId: string): MembershipView | null {
    this.byUserId ??= this.db.prepare(`${SELECT_MEMBER} WHERE m.user_id = ?`);
    const row = this.byUserId.get(userId) as MemberRow | undefined;
    return row ? toView(row) : null;
  }

  /** A member of the given organization, or null (also for members of other organizations). */
  memberOf(organizationId: string, userId: string): MembershipView | null {
    const view = this.membershipOf(userId);
    return view && view.organizationId === organizationId ? view : null;
  }

  /** An active member of the organization with this email, or null. */
  activeMemberByEmail(organizationId: string, email: string): MembershipView | null {
    const row = this.db
      .prepare(`${SELECT_MEMBER} WHERE m.organization_id = ? AND m.email = ? COLLATE NOCASE AND m.status = 'active'`)
      .get(organizationId, email) as MemberRow | undefined;
    return row ? toView(row) : null;
  }

  /** Members in the order they joined. */
  list(organizationId: string, limit?: number, cursor?: string | null): Page<MembershipView> {
    const statement = this.db.prepare(`${SELECT_MEMBER} WHERE m.organization_id = ? ORDER BY m.joined_position LIMIT ? OFFSET ?`);
    return paginate((offset, size) => (statement.all(organizationId, size, offset) as MemberRow[]).map(toView), limit, cursor);
  }

  /** Every member of the organization, active or removed, in the order they joined (unpaged). */
  allMembers(organizationId: string): MembershipView[] {
    return (this.db.prepare(`${SELECT_MEMBER} WHERE m.organization_id = ? ORDER BY m.joined_position`).all(organizationId) as MemberRow[]).map(
      toView,
    );
  }

  /** True once any organization exists (an installation is bootstrapped by its first). */
  anyOrganization(): boolean {
    return this.db.prepare('SELECT 1 FROM org_organizations LIMIT 1').get() !== undefined;
  }

  organizationName(organizationId: string): string | null {
    const row = this.db.prepare('SELECT name FROM org_organizations WHERE organization_id = ?').get(organizationId) as { name: string } | undefined;
    return row?.name ?? null;
  }
}
