import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import { CREDENTIAL_USAGE_STREAM_PREFIX, type CredentialUsed } from '../../domain/credential/credential.events';

export const OFFBOARDING_APP_USAGE_TABLE = 'cred_offboarding_app_usage';

const UPSERT_APP_USAGE = `INSERT INTO ${OFFBOARDING_APP_USAGE_TABLE} (credential_id, client_id, last_used_at) VALUES (?, ?, ?)
       ON CONFLICT (credential_id, client_id) DO UPDATE SET last_used_at = excluded.last_used_at WHERE excluded.last_used_at > last_used_at`;

/** One app's latest use of a credential. */
export interface AppUsage {
  clientId: string;
  lastUsedAt: string;
}

/**
 * For the offboarding view: which apps used each credential, and when last. Built from the
 * `CredentialUsed` events the token endpoint's batches already record (credential, client, last use),
 * on its own table, so it neither changes nor depends on how uses are recorded elsewhere.
 */
@Projection()
@Injectable()
export class OffboardingAppUsageProjection implements Projection<CredentialUsed> {
  readonly name = 'credentials.offboarding-app-usage';
  readonly version = 1;
  readonly eventTypes = ['CredentialUsed'] as const;
  private db: ReadModelDb | null = null;

  fork(): OffboardingAppUsageProjection {
    return new OffboardingAppUsageProjection();
  }

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${OFFBOARDING_APP_USAGE_TABLE} (
        credential_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        last_used_at TEXT NOT NULL,
        PRIMARY KEY (credential_id, client_id)
      );
    `);
    this.db = db;
  }

  load(db: ReadModelDb): void {
    this.db = db;
  }

  reset(db: ReadModelDb): void {
    db.exec(`DELETE FROM ${OFFBOARDING_APP_USAGE_TABLE}`);
  }

  apply(event: Recorded<CredentialUsed>, db: ReadModelDb): void {
    if (!event.streamName.startsWith(CREDENTIAL_USAGE_STREAM_PREFIX)) return;
    const { credentialId, clientId, lastUsedAt } = event.data;
    // Batches may arrive out of order across instances: keep the latest use.
    db.prepare(UPSERT_APP_USAGE).run(credentialId, clientId, lastUsedAt);
  }

  /** The apps that used the credential, most recent first. */
  usedBy(credentialId: string): AppUsage[] {
    if (!this.db) throw new Error('The offboarding usage read model is not set up yet');
    const rows = this.db
      .prepare(`SELECT client_id, last_used_at FROM ${OFFBOARDING_APP_USAGE_TABLE} WHERE credential_id = ? ORDER BY last_used_at DESC, client_id`)
      .all(credentialId) as { client_id: string; last_used_at: string }[];
    return rows.map((row) => ({ clientId: row.client_id, lastUsedAt: row.last_used_at }));
  }
}
