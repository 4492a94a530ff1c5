import { Injectable } from '@nestjs/common';
import { type Environment } from '@latchkey/building-blocks';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import { PLATFORM_ACCOUNT_STREAM_PREFIX, type PlatformAccountRenamed } from '../../domain/platform-account/platform-account.events';

const key = (organizationId: string, environment: Environment) => `${environment}:${organizationId}`;

/** Account names set through the Platform API, per organization and environment (table plus in-memory map). */
@Projection()
@Injectable()
export class AccountNamesProjection implements Projection<PlatformAccountRenamed> {
  readonly name = 'platform-api.account-names';
  readonly version = 1;
  readonly eventTypes = ['PlatformAccountRenamed'] as const;

  private readonly names = new Map<string, string>();

  /** A fresh instance, to build a new version beside this one. */
  fork(): AccountNamesProjection {
    return new AccountNamesProjection();
  }

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS platform_account_names (
        organization_id TEXT NOT NULL,
        environment TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (organization_id, environment)
      )
    `);
  }

  reset(db: ReadModelDb): void {
    db.exec('DELETE FROM platform_account_names');
    this.names.clear();
  }

  load(db: ReadModelDb): void {
    this.names.clear();
    const rows = db.prepare('SELECT organization_id, environment, name FROM platform_account_names').all() as {
      organization_id: string;
      environment: Environment;
      name: string;
    }[];
    for (const row of rows) this.names.set(key(row.organization_id, row.environment), row.name);
  }

  apply(event: Recorded<PlatformAccountRenamed>, db: ReadModelDb): void {
    if (!event.streamName.startsWith(PLATFORM_ACCOUNT_STREAM_PREFIX)) return;
    const { organizationId, environment, name } = event.data;
    db.prepare(
      'INSERT INTO platform_account_names (organization_id, environment, name) VALUES (?, ?, ?) ON CONFLICT(organization_id, environment) DO UPDATE SET name = excluded.name',
    ).run(organizationId, environment, name);
    this.names.set(key(organizationId, environment), name);
  }

  /** The name set through the Platform API, or null (then the organization's name applies). */
  nameOf(organizationId: string, environment: Environment): string | null {
    return this.names.get(key(organizationId, environment)) ?? null;
  }
}
