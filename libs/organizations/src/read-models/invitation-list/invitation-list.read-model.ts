import { Inject, Injectable } from '@nestjs/common';
import { type Page, paginate } from '@latchkey/building-blocks';
import { READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';
import { INVITATION_STATUSES, type InvitationStatus, type InvitationView, type Permission, type Role } from '../../contracts';

export { INVITATION_STATUSES, type InvitationStatus, type InvitationView };

interface InvitationRow {
  invitation_id: string;
  organization_id: string;
  email: string;
  role: Role;
  permissions: string;
  invited_by_user_id: string | null;
  invited_by_email: string | null;
  created_at: string;
  expires_at: string;
  status: 'pending' | 'accepted' | 'cancelled';
}

const toView = (row: InvitationRow, now: string): InvitationView => ({
  id: row.invitation_id,
  email: row.email,
  role: row.role,
  permissions: JSON.parse(row.permissions) as Permission[],
  invitedBy: row.invited_by_user_id !== null ? { userId: row.invited_by_user_id, email: row.invited_by_email ?? '' } : null,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  status: row.status === 'pending' && row.expires_at <= now ? 'expired' : row.status,
});

/** The stored status and expiry condition of each listed status (`now` is bound as `@now`). */
const STATUS_FILTER: Record<InvitationStatus, string> = {
  pending: "status = 'pending' AND expires_at > @now",
  expired: "status = 'pending' AND expires_at <= @now",
  accepted: "status = 'accepted'",
  cancelled: "status = 'cancelled'",
};

/** Queries over the invitation-list projection's table. Times are ISO 8601 in UTC, so they compare as text. */
@Injectable()
export class InvitationListReadModel {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  /** The organization's invitations, newest first, optionally of one status. */
  list(organizationId: string, now: Date, status?: InvitationStatus, limit?: number, cursor?: string | null): Page<InvitationView> {
    const at = now.toISOString();
    const filter = status ? `AND ${STATUS_FILTER[status]}` : '';
    const statement = this.db.prepare(
      `SELECT * FROM org_invitation_list WHERE organization_id = @organizationId ${filter} ORDER BY position DESC LIMIT @limit OFFSET @offset`,
    );
    return paginate(
      (offset, size) => (statement.all({ organizationId, now: at, limit: size, offset }) as InvitationRow[]).map((row) => toView(row, at)),
      limit,
      cursor,
    );
  }

  /** One invitation with its organization, or null for an unknown one. */
  byId(invitationId: string, now: Date): (InvitationView & { organizationId: string }) | null {
    const row = this.db.prepare('SELECT * FROM org_invitation_list WHERE invitation_id = ?').get(invitationId) as InvitationRow | undefined;
    return row ? { ...toView(row, now.toISOString()), organizationId: row.organization_id } : null;
  }

  /** The organization and inviter of an invitation, or null for an unknown one. */
  issuer(invitationId: string): { organizationId: string; invitedBy: string | null } | null {
    const row = this.db.prepare('SELECT organization_id, invited_by_user_id FROM org_invitation_list WHERE invitation_id = ?').get(invitationId) as
      Pick<InvitationRow, 'organization_id' | 'invited_by_user_id'> | undefined;
    return row ? { organizationId: row.organization_id, invitedBy: row.invited_by_user_id } : null;
  }

  /** The invitations of the organization issued by `userId` that can still be accepted (pending, not expired), oldest first. */
  acceptableIssuedBy(organizationId: string, userId: string, now: Date): InvitationView[] {
    const at = now.toISOString();
    const rows = this.db
      .prepare(
        `SELECT * FROM org_invitation_list WHERE organization_id = @organizationId AND invited_by_user_id = @userId AND ${STATUS_FILTER.pending} ORDER BY position`,
      )
      .all({ organizationId, userId, now: at }) as InvitationRow[];
    return rows.map((row) => toView(row, at));
  }

  /** Ids of the invitations of the organization issued by `userId` that are still pending (expired or not). */
  pendingIssuedBy(organizationId: string, userId: string): string[] {
    const rows = this.db
      .prepare(
        "SELECT invitation_id FROM org_invitation_list WHERE organization_id = ? AND invited_by_user_id = ? AND status = 'pending' ORDER BY position",
      )
      .all(organizationId, userId) as { invitation_id: string }[];
    return rows.map((r) => r.invitation_id);
  }
}
