import { Inject, Injectable } from '@nestjs/common';
import { type Page } from '@latchkey/building-blocks';
import { READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';
import { keysetPage } from '../../shared/keyset-page';
import { CREDENTIAL_USAGE_TABLE, CREDENTIALS_TABLE, type CredentialRow, type CredentialUsageRow } from './credential-list.projection';

export interface PageRequest {
  limit?: number;
  cursor?: string | null;
}

/** Queries over the credential-list projection. Lists are newest first and never show deleted credentials. */
@Injectable()
export class CredentialListReadModel {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  /** The row of a credential, deleted ones included (for access to their history), or null. */
  byId(credentialId: string): CredentialRow | null {
    return (this.db.prepare(`SELECT * FROM ${CREDENTIALS_TABLE} WHERE credential_id = ?`).get(credentialId) as CredentialRow | undefined) ?? null;
  }

  /** The apps that have used the credential, most recent first. */
  usedBy(credentialId: string): CredentialUsageRow[] {
    return this.db
      .prepare(`SELECT * FROM ${CREDENTIAL_USAGE_TABLE} WHERE credential_id = ? ORDER BY last_used_at DESC, client_id`)
      .all(credentialId) as CredentialUsageRow[];
  }

  /** The owner's credentials (only those created in `organizationId` when given), newest first. */
  listByOwner(ownerId: string, page: PageRequest = {}, organizationId?: string): Page<CredentialRow> {
    const statement = this.db.prepare(
      `SELECT * FROM ${CREDENTIALS_TABLE}
       WHERE owner_id = ? AND status != 'deleted' AND created_position < ? AND (? IS NULL OR organization_id = ?)
       ORDER BY created_position DESC LIMIT ?`,
    );
    const organization = organizationId ?? null;
    return keysetPage(
      (after, size) => statement.all(ownerId, after ?? Number.MAX_SAFE_INTEGER, organization, organization, size) as CredentialRow[],
      (row) => row.created_position,
      page.limit,
      page.cursor,
    );
  }

  /** Credentials the owner holds that are not revoked or deleted (expired ones included). */
  activeByOwner(ownerId: string): CredentialRow[] {
    return this.db
      .prepare(`SELECT * FROM ${CREDENTIALS_TABLE} WHERE owner_id = ? AND status = 'active' ORDER BY created_position`)
      .all(ownerId) as CredentialRow[];
  }

  /** The organization's credentials that are not revoked or deleted (expired ones included), oldest first. */
  activeByOrganization(organizationId: string): CredentialRow[] {
    return this.db
      .prepare(`SELECT * FROM ${CREDENTIALS_TABLE} WHERE organization_id = ? AND status = 'active' ORDER BY created_position`)
      .all(organizationId) as CredentialRow[];
  }
}
