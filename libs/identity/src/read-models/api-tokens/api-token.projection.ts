import { Injectable } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import type { ApiTokenScope, ApiTokenView } from '../../contracts';
import {
  API_TOKEN_EVENT_TYPES,
  API_TOKEN_USAGE_EVENT_TYPES,
  type ApiTokenEvent,
  type ApiTokenUsageEvent,
} from '../../domain/api-token/api-token.events';
import { isApiTokenStream, isApiTokenUsageStream } from '../../shared/streams';

export const API_TOKENS_TABLE = 'identity_api_tokens';

export interface ActiveApiToken {
  tokenId: string;
  ownerId: string;
  scopes: readonly ApiTokenScope[];
  expiresAt: number;
}

/** A token known by its hash, whatever its state: what a refusal is recorded against. */
export interface KnownApiToken {
  tokenId: string;
  ownerId: string;
  revoked: boolean;
  expiresAt: number;
}

interface Row {
  token_id: string;
  owner_id: string;
  name: string;
  scopes: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/**
 * Console API tokens: a table of every token (never the token, only its SHA-256), and in memory the
 * ones not revoked by hash, so that authenticating a request is one Map lookup, as for sessions.
 * Expired tokens stay in the Map until a lookup finds them expired (a token lives up to 366 days;
 * the Map holds at most every token ever issued and not revoked).
 */
@Projection()
@Injectable()
export class ApiTokenProjection implements Projection<ApiTokenEvent | ApiTokenUsageEvent> {
  readonly name = 'identity.api-tokens';
  readonly version = 1;
  readonly eventTypes = [...API_TOKEN_EVENT_TYPES, ...API_TOKEN_USAGE_EVENT_TYPES];
  private readonly active = new Map<string, ActiveApiToken>();
  private db: ReadModelDb | null = null;
  private statements: Record<'byHash' | 'byOwner' | 'byCreator' | 'lastUsed', Statement> | null = null;

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${API_TOKENS_TABLE} (
        token_id TEXT PRIMARY KEY,
        owner_id TEXT NOT NULL,
        organization_id TEXT NOT NULL,
        name TEXT NOT NULL,
        scopes TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT,
        last_used_at TEXT
      );
      CREATE INDEX IF NOT EXISTS ${API_TOKENS_TABLE}_owner ON ${API_TOKENS_TABLE} (owner_id, created_at);
    `);
    // Added after the table: tokens recorded before minters were kept have none, as their events.
    const columns = db.prepare(`PRAGMA table_info(${API_TOKENS_TABLE})`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'created_by')) db.exec(`ALTER TABLE ${API_TOKENS_TABLE} ADD COLUMN created_by TEXT`);
    this.db = db;
  }

  reset(db: ReadModelDb): void {
    db.exec(`DELETE FROM ${API_TOKENS_TABLE}`);
    this.active.clear();
  }

  load(db: ReadModelDb): void {
    this.db = db;
    this.active.clear();
    const rows = db.prepare(`SELECT token_id, owner_id, scopes, token_hash, expires_at FROM ${API_TOKENS_TABLE} WHERE revoked_at IS NULL`).all() as {
      token_id: string;
      owner_id: string;
      scopes: string;
      token_hash: string;
      expires_at: string;
    }[];
    for (const row of rows) {
      this.active.set(row.token_hash, {
        tokenId: row.token_id,
        ownerId: row.owner_id,
        scopes: JSON.parse(row.scopes) as ApiTokenScope[],
        expiresAt: Date.parse(row.expires_at),
      });
    }
  }

  apply(event: Recorded<ApiTokenEvent | ApiTokenUsageEvent>, db: ReadModelDb): void {
    switch (event.type) {
      case 'ApiTokenCreated': {
        if (!isApiTokenStream(event.streamName)) return;
        const { tokenId, ownerId, organizationId, name, scopes, tokenHash, createdAt, expiresAt, createdBy } = event.data;
        const changed = db
          .prepare(
            `INSERT OR IGNORE INTO ${API_TOKENS_TABLE} (token_id, owner_id, organization_id, name, scopes, token_hash, created_at, expires_at, created_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(tokenId, ownerId, organizationId, name, JSON.stringify(scopes), tokenHash, createdAt, expiresAt, createdBy ?? null).changes;
        // Applied again (at-least-once delivery) after a revocation: the row says so, keep it out of memory.
        if (changed === 1) this.active.set(tokenHash, { tokenId, ownerId, scopes, expiresAt: Date.parse(expiresAt) });
        return;
      }
      case 'ApiTokenRevoked': {
        if (!isApiTokenStream(event.streamName)) return;
        const row = db.prepare(`SELECT token_hash FROM ${API_TOKENS_TABLE} WHERE token_id = ?`).get(event.data.tokenId) as
          { token_hash: string } | undefined;
        db.prepare(`UPDATE ${API_TOKENS_TABLE} SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL`).run(
          event.data.revokedAt,
          event.data.tokenId,
        );
        if (row) this.active.delete(row.token_hash);
        return;
      }
      case 'ApiTokenUsed': {
        if (!isApiTokenUsageStream(event.streamName)) return;
        db.prepare(`UPDATE ${API_TOKENS_TABLE} SET last_used_at = ? WHERE token_id = ? AND (last_used_at IS NULL OR last_used_at < ?)`).run(
          event.data.lastUsedAt,
          event.data.tokenId,
          event.data.lastUsedAt,
        );
        return;
      }
      case 'ApiTokenRefused':
        return;
    }
  }

  /** The token with this hash if it is neither revoked nor expired, else null. */
  findActive(tokenHash: string, now: Date): ActiveApiToken | null {
    const token = this.active.get(tokenHash);
    return token && token.expiresAt > now.getTime() ? token : null;
  }

  /** Any token with this hash, revoked and expired ones included (an indexed read; only for refusals). */
  findKnown(tokenHash: string): KnownApiToken | null {
    const row = this.query().byHash.get(tokenHash) as
      { token_id: string; owner_id: string; revoked_at: string | null; expires_at: string } | undefined;
    return row ? { tokenId: row.token_id, ownerId: row.owner_id, revoked: row.revoked_at !== null, expiresAt: Date.parse(row.expires_at) } : null;
  }

  /** The tokens of these owners that are not revoked, newest first. */
  listByOwners(ownerIds: readonly string[], now: Date): ApiTokenView[] {
    return this.views(
      ownerIds.flatMap((ownerId) => this.query().byOwner.all(ownerId) as Row[]),
      now,
    );
  }

  /** The tokens not revoked that this user minted for another owner (an admin's, for service users), newest first. */
  listCreatedBy(userId: string, now: Date): ApiTokenView[] {
    return this.views(this.query().byCreator.all(userId, userId) as Row[], now);
  }

  private views(rows: Row[], now: Date): ApiTokenView[] {
    return rows
      .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.token_id < b.token_id ? 1 : -1))
      .map((row) => ({
        id: row.token_id,
        ownerId: row.owner_id,
        name: row.name,
        scopes: JSON.parse(row.scopes) as ApiTokenScope[],
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        lastUsedAt: row.last_used_at,
        status: Date.parse(row.expires_at) > now.getTime() ? 'active' : 'expired',
      }));
  }

  /** When the token was last used, as recorded so far (null: never, or unknown). */
  lastUsedAt(tokenId: string): string | null {
    return (this.query().lastUsed.get(tokenId) as { last_used_at: string | null } | undefined)?.last_used_at ?? null;
  }

  /** The owner of a token that is not revoked, or null. */
  ownerOf(tokenId: string): string | null {
    const row = this.database().prepare(`SELECT owner_id FROM ${API_TOKENS_TABLE} WHERE token_id = ? AND revoked_at IS NULL`).get(tokenId) as
      { owner_id: string } | undefined;
    return row?.owner_id ?? null;
  }

  private database(): ReadModelDb {
    if (!this.db) throw new Error('The API token read model is not set up yet');
    return this.db;
  }

  private query() {
    const db = this.database();
    this.statements ??= {
      byHash: db.prepare(`SELECT token_id, owner_id, revoked_at, expires_at FROM ${API_TOKENS_TABLE} WHERE token_hash = ?`),
      byOwner: db.prepare(`SELECT * FROM ${API_TOKENS_TABLE} WHERE owner_id = ? AND revoked_at IS NULL`),
      byCreator: db.prepare(`SELECT * FROM ${API_TOKENS_TABLE} WHERE created_by = ? AND owner_id <> ? AND revoked_at IS NULL`),
      lastUsed: db.prepare(`SELECT last_used_at FROM ${API_TOKENS_TABLE} WHERE token_id = ?`),
    };
    return this.statements;
  }
}
