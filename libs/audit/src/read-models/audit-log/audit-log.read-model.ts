import { Inject, Injectable } from '@nestjs/common';
import type { Page } from '@latchkey/building-blocks';
import { READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';
import type { AuditTargetKind } from '../../contracts';
import { keysetPage } from '../../shared/keyset-page';
import { AUDIT_TABLE, type AuditRow } from './audit-log.projection';

/** One entry of an organization's audit log. */
export interface AuditEntry {
  position: number;
  type: string;
  /** The recorded event's own type (`CredentialRevoked`, `MemberJoined`). */
  eventType: string;
  at: string;
  /** Who did it; null for what no person did (uses of a credential, failed logins). */
  actor: { userId: string; email: string | null } | null;
  target: { kind: AuditTargetKind; id: string; label: string | null };
  /** The client address of the request that caused it; null for work no client asked for. */
  address: string | null;
  data: Record<string, unknown>;
}

/** Filters of the log and its export; each optional, all together. */
export interface AuditFilter {
  /** An entry type (`credential.revoked`)… */
  type?: string;
  /** …or a recorded event type (`CredentialRevoked`). */
  eventType?: string;
  actorId?: string;
  credentialId?: string;
  /** ISO times: entries at or after `since`, before `until`. */
  since?: string;
  until?: string;
}

export interface PageRequest {
  limit?: number;
  cursor?: string | null;
}

/** Rows read per query by an export: a page's memory, whatever the export's size. */
export const EXPORT_PAGE_ROWS = 500;

const toEntry = (row: AuditRow): AuditEntry => ({
  position: row.position,
  type: row.type,
  eventType: row.event_type,
  at: row.at,
  actor: row.actor_user_id === null ? null : { userId: row.actor_user_id, email: row.actor_email },
  target: { kind: row.target_kind as AuditTargetKind, id: row.target_id, label: row.target_label },
  address: row.address,
  data: JSON.parse(row.data) as Record<string, unknown>,
});

function conditions(filter: AuditFilter): { sql: string; values: string[] } {
  const filters: [string, string | undefined][] = [
    ['type = ?', filter.type],
    ['event_type = ?', filter.eventType],
    ['actor_user_id = ?', filter.actorId],
    [`target_kind = 'credential' AND target_id = ?`, filter.credentialId],
    ['at >= ?', filter.since],
    ['at < ?', filter.until],
  ];
  const given = filters.filter((f): f is [string, string] => f[1] !== undefined);
  return { sql: given.map(([condition]) => ` AND ${condition}`).join(''), values: given.map(([, value]) => value) };
}

@Injectable()
export class AuditLogReadModel {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  /** An organization's audit log, newest first, filtered. */
  list(organizationId: string, filter: AuditFilter, page: PageRequest = {}): Page<AuditEntry> {
    const where = conditions(filter);
    const statement = this.db.prepare(
      `SELECT * FROM ${AUDIT_TABLE} WHERE organization_id = ? AND position < ?${where.sql} ORDER BY position DESC LIMIT ?`,
    );
    return keysetPage(
      (before, size) => (statement.all(organizationId, before ?? Number.MAX_SAFE_INTEGER, ...where.values, size) as AuditRow[]).map(toEntry),
      (entry) => entry.position,
      page.limit,
      page.cursor,
    );
  }

  /** Whether any entry belongs to the organization (every organization's log begins with its founder joining). */
  hasOrganization(organizationId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM ${AUDIT_TABLE} WHERE organization_id = ? LIMIT 1`).get(organizationId) !== undefined;
  }

  /**
   * Every matching entry, oldest first, a page of rows at a time: the entries that were in the log
   * when the export began (later ones wait for the next export). Each page is read to its end with
   * an iterator in one go, so the connection is never left busy between pages (better-sqlite3
   * refuses writes on a connection while an iterator is open, and the projections write on this
   * one); memory holds one page, whatever the export's size.
   */
  *exportPages(organizationId: string, filter: AuditFilter, pageRows = EXPORT_PAGE_ROWS): Generator<AuditEntry[]> {
    const where = conditions(filter);
    const head = (this.db.prepare(`SELECT MAX(position) AS head FROM ${AUDIT_TABLE}`).get() as { head: number | null }).head ?? -1;
    const statement = this.db.prepare(
      `SELECT * FROM ${AUDIT_TABLE} WHERE organization_id = ? AND position > ? AND position <= ?${where.sql} ORDER BY position LIMIT ?`,
    );
    let after = -1;
    for (;;) {
      const page: AuditEntry[] = [];
      for (const row of statement.iterate(organizationId, after, head, ...where.values, pageRows) as IterableIterator<AuditRow>)
        page.push(toEntry(row));
      if (page.length === 0) return;
      after = page[page.length - 1].position;
      yield page;
      if (page.length < pageRows) return;
    }
  }
}
