import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import { INVITATION_EVENT_TYPES, INVITATION_STREAM_PREFIX, type InvitationEvent } from '../../domain/invitation/invitation.events';

/**
 * Every invitation of every organization, as its admins list it: who was invited, as what, by whom,
 * and whether it is pending, accepted or cancelled (expiry is read against the clock at query
 * time). Also answers which pending invitations an inviter issued, for the reactions that cancel
 * them. Never holds the token or its hash.
 */
@Projection()
@Injectable()
export class InvitationListProjection implements Projection<InvitationEvent> {
  readonly name = 'organizations.invitation-list';
  readonly version = 1;
  readonly eventTypes = INVITATION_EVENT_TYPES;

  /** A fresh instance, to build a new version beside this one. */
  fork(): InvitationListProjection {
    return new InvitationListProjection();
  }

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS org_invitation_list (
        invitation_id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL,
        email TEXT NOT NULL,
        role TEXT NOT NULL,
        permissions TEXT NOT NULL,
        invited_by_user_id TEXT,
        invited_by_email TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        status TEXT NOT NULL,
        position INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS org_invitation_list_by_organization ON org_invitation_list (organization_id, position);
      CREATE INDEX IF NOT EXISTS org_invitation_list_by_inviter ON org_invitation_list (organization_id, invited_by_user_id, status);
    `);
  }

  reset(db: ReadModelDb): void {
    db.exec('DELETE FROM org_invitation_list');
  }

  apply(event: Recorded<InvitationEvent>, db: ReadModelDb): void {
    if (!event.streamName.startsWith(INVITATION_STREAM_PREFIX)) return;
    switch (event.type) {
      case 'InvitationCreated': {
        const d = event.data;
        db.prepare(
          `INSERT OR REPLACE INTO org_invitation_list
             (invitation_id, organization_id, email, role, permissions, invited_by_user_id, invited_by_email, created_at, expires_at, status, position)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
        ).run(
          d.invitationId,
          d.organizationId,
          d.email,
          d.role,
          JSON.stringify(d.permissions),
          d.invitedBy?.userId ?? null,
          d.invitedBy?.email ?? null,
          d.createdAt,
          d.expiresAt,
          event.position,
        );
        return;
      }
      case 'InvitationAccepted':
        this.setStatus(db, event.data.invitationId, 'accepted');
        return;
      case 'InvitationReopened':
        db.prepare("UPDATE org_invitation_list SET status = 'pending' WHERE invitation_id = ? AND status = 'accepted'").run(event.data.invitationId);
        return;
      case 'InvitationCancelled':
        this.setStatus(db, event.data.invitationId, 'cancelled');
        return;
    }
  }

  private setStatus(db: ReadModelDb, invitationId: string, status: string): void {
    db.prepare('UPDATE org_invitation_list SET status = ? WHERE invitation_id = ?').run(status, invitationId);
  }
}
