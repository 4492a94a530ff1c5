import { Inject, Injectable } from '@nestjs/common';
import { type Page } from '@latchkey/building-blocks';
import { READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';
import type { CredentialRequestStatus } from '../../domain/credential-request/credential-request.events';
import { CREDENTIALS_TABLE } from '../credential-list/credential-list.projection';
import { keysetPage } from '../../shared/keyset-page';
import { CREDENTIAL_REQUESTS_TABLE, type CredentialRequestRow } from './credential-requests.projection';

/** Queries over the credential-requests projection, newest first; the credential's label is its current one. */
@Injectable()
export class CredentialRequestsReadModel {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  private static readonly SELECT = `SELECT r.*, coalesce(c.label, r.credential_label) AS credential_label
    FROM ${CREDENTIAL_REQUESTS_TABLE} r LEFT JOIN ${CREDENTIALS_TABLE} c ON c.credential_id = r.credential_id`;

  /** The request, of any organization (callers check theirs), or null. */
  byId(requestId: string): CredentialRequestRow | null {
    return (
      (this.db.prepare(`${CredentialRequestsReadModel.SELECT} WHERE r.request_id = ?`).get(requestId) as CredentialRequestRow | undefined) ?? null
    );
  }

  /** The organization's requests of one status, or of every status. */
  list(
    organizationId: string,
    status: CredentialRequestStatus | undefined,
    page: { limit?: number; cursor?: string | null } = {},
  ): Page<CredentialRequestRow> {
    const statement = this.db.prepare(
      `${CredentialRequestsReadModel.SELECT}
       WHERE r.organization_id = ? AND (? IS NULL OR r.status = ?) AND r.position < ?
       ORDER BY r.position DESC LIMIT ?`,
    );
    const wanted = status ?? null;
    return keysetPage(
      (after, size) => statement.all(organizationId, wanted, wanted, after ?? Number.MAX_SAFE_INTEGER, size) as CredentialRequestRow[],
      (row) => row.position,
      page.limit,
      page.cursor,
    );
  }
}
