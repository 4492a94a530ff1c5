import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import { INVITATION_EVENT_TYPES, INVITATION_STREAM_PREFIX, type InvitationEvent } from '../../domain/invitation/invitation.events';

/**
 * Finds an invitation by the SHA-256 of its token (the token itself is never stored). Whether the
 * invitation can still be accepted is decided on its stream, not here.
 */
@Projection()
@Injectable()
export class InvitationIndexProjection implements Projection<InvitationEvent> {
  readonly name = 'organizations.invitation-index';
  readonly version = 1;
  readonly eventTypes = INVITATION_EVENT_TYPES;

  /** A fresh instance, to build a new version beside this one. */
  fork(): InvitationIndexProjection {
    return new InvitationIndexProjection();
  }

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS org_invitations (
        invitation_id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        organization_id TEXT NOT NULL,
        status TEXT NOT NULL
      );
    `);
  }

  reset(db: ReadModelDb): void {
    db.exec('DELETE FROM org_invitations');
  }

  apply(event: Recorded<InvitationEvent>, db: ReadModelDb): void {
    if (!event.streamName.startsWith(INVITATION_STREAM_PREFIX)) return;
    switch (event.type) {
      case 'InvitationCreated':
        db.prepare("INSERT OR REPLACE INTO org_invitations (invitation_id, token_hash, organization_id, status) VALUES (?, ?, ?, 'pending')").run(
          event.data.invitationId,
          event.data.tokenHash,
          event.data.organizationId,
        );
        return;
      case 'InvitationAccepted':
        db.prepare("UPDATE org_invitations SET status = 'accepted' WHERE invitation_id = ?").run(event.data.invitationId);
        return;
      case 'InvitationReopened':
        db.prepare("UPDATE org_invitations SET status = 'pending' WHERE invitation_id = ? AND status = 'accepted'").run(event.data.invitationId);
        return;
      case 'InvitationCancelled':
        db.prepare("UPDATE org_invitations SET status = 'cancelled' WHERE invitation_id = ?").run(event.data.invitationId);
        return;
    }
  }
}
