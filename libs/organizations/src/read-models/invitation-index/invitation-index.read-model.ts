import { Inject, Injectable } from '@nestjs/common';
import { READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';

/** Queries over the invitation-index projection's table. */
@Injectable()
export class InvitationIndexReadModel {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  /** The invitation id for a token hash, or null. */
  invitationIdByTokenHash(tokenHash: string): string | null {
    const row = this.db.prepare('SELECT invitation_id FROM org_invitations WHERE token_hash = ?').get(tokenHash) as
      { invitation_id: string } | undefined;
    return row?.invitation_id ?? null;
  }
}
