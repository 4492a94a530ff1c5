import { Inject, Injectable } from '@nestjs/common';
import { type Page } from '@latchkey/building-blocks';
import { READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';
import { keysetPage } from '../../shared/keyset-page';
import { HISTORY_TABLE, type HistoryRow } from './credential-history.projection';
import type { PageRequest } from '../credential-list/credential-list.read-model';

/** One entry of a credential's history. */
export interface HistoryEntry {
  position: number;
  type: string;
  at: string;
  /** Who did it; null for what no person did (uses of the credential). */
  actor: { userId: string; email: string | null } | null;
  data: Record<string, unknown>;
}

const toEntry = (row: HistoryRow): HistoryEntry => ({
  position: row.position,
  type: row.type,
  at: row.at,
  actor: row.actor_user_id === null ? null : { userId: row.actor_user_id, email: row.actor_email },
  data: JSON.parse(row.data) as Record<string, unknown>,
});

@Injectable()
export class CredentialHistoryReadModel {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  /** A credential's history, oldest first (the order it happened in). */
  history(credentialId: string, page: PageRequest = {}): Page<HistoryEntry> {
    const statement = this.db.prepare(`SELECT * FROM ${HISTORY_TABLE} WHERE credential_id = ? AND position > ? ORDER BY position LIMIT ?`);
    return keysetPage(
      (after, size) => (statement.all(credentialId, after ?? -1, size) as HistoryRow[]).map(toEntry),
      (entry) => entry.position,
      page.limit,
      page.cursor,
    );
  }
}
