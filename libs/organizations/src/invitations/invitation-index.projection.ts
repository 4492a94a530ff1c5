import type { Projection, ReadModelDb, RecordedEvent } from '@latchkey/event-store';
import { INVITATION_STREAM_PREFIX, type InvitationEvent } from './invitation.events';

/**
 * Finds an invitation by the SHA-256 of its token (the token itself is never stored). Whether the
 * invitation can still be accepted is decided on its stream, not here.
 */
export const invitationIndexProjection: Projection = {
  name: 'organizations.invitation-index',
  version: 1,

  setup(db: ReadModelDb) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS org_invitations (
        invitation_id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        organization_id TEXT NOT NULL,
        status TEXT NOT NULL
      );
    `);
  },

  reset(db: ReadModelDb) {
    db.exec('DELETE FROM org_invitations');
  },

  apply(recorded: RecordedEvent, db: ReadModelDb) {
    if (!recorded.streamName.startsWith(INVITATION_STREAM_PREFIX)) return;
    const event = recorded as unknown as InvitationEvent;
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
        db.prepare("UPDATE org_invitations SET status = 'pending' WHERE invitation_id = ?").run(event.data.invitationId);
        return;
    }
  },
};

/** The invitation id for a token hash, or null. */
export function invitationIdByTokenHash(db: ReadModelDb, tokenHash: string): string | null {
  const row = db.prepare('SELECT invitation_id FROM org_invitations WHERE token_hash = ?').get(tokenHash) as { invitation_id: string } | undefined;
  return row?.invitation_id ?? null;
}
