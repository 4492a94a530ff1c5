import { Injectable } from '@nestjs/common';
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Environment, type Page, paginate } from '@latchkey/building-blocks';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import type { AppClientView, AppSummary, GrantType, Permission } from '../../contracts';

export type { AppSummary };
import { ORGANIZATION_STREAM_PREFIX, type OrganizationCreated } from '../../domain/organization/organization.events';
import { APP_EVENT_TYPES, APP_STREAM_PREFIX, type AppEvent } from '../../domain/app/app.events';

interface DirectoryEntry {
  view: AppClientView;
  secretHash: Buffer;
}

interface ClientRow {
  client_id: string;
  environment: Environment;
  app_id: string;
  app_name: string;
  organization_id: string;
  organization_name: string;
  grant_types: string;
  scopes: string;
  secret_hash: string;
}

interface AppRow {
  app_id: string;
  name: string;
  scopes: string;
  grant_types: string;
  environments: string;
  created_at: string;
  created_by: string | null;
}

const CLIENT_ROWS = `
  SELECT c.client_id, c.environment, c.app_id, a.name AS app_name, a.organization_id, o.name AS organization_name,
         a.grant_types, a.scopes, c.secret_hash
  FROM app_directory_clients c
  JOIN app_directory_apps a ON a.app_id = c.app_id
  JOIN app_directory_organizations o ON o.organization_id = a.organization_id`;

const APP_ROWS = 'SELECT app_id, name, scopes, grant_types, environments, created_at, created_by FROM app_directory_apps';

/** One-shot: no Hash object per token request. */
const sha256 = (value: string): Buffer => hash('sha256', value, 'buffer');

function toEntry(row: ClientRow): DirectoryEntry {
  const view: AppClientView = {
    clientId: row.client_id,
    environment: row.environment,
    appId: row.app_id,
    appName: row.app_name,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    grantTypes: Object.freeze(JSON.parse(row.grant_types)) as GrantType[],
    scopes: Object.freeze(JSON.parse(row.scopes)) as Permission[],
  };
  return { view: Object.freeze(view), secretHash: Buffer.from(row.secret_hash, 'hex') };
}

/**
 * The app directory: every organization's app clients by client id, with the SHA-256 of their
 * secret. Kept in tables (so it survives restarts) and in a Map loaded from them, so the token
 * endpoint's lookups are O(1) and never touch the disk. A change of an app's name, scopes or grant
 * types is in the Map, and a deleted app's clients are gone from it, when the change's write
 * answers (it waits for the read models): the next token request sees it.
 */
@Projection()
@Injectable()
export class AppDirectoryProjection implements Projection<AppEvent | OrganizationCreated> {
  readonly name = 'organizations.app-directory';
  /** 2: apps record their creator (`created_by`), and can be updated and deleted. */
  readonly version = 2;
  readonly eventTypes = [...APP_EVENT_TYPES, 'OrganizationCreated'] as const;

  private readonly clients = new Map<string, DirectoryEntry>();
  /** Compared against when the client is unknown, so timing does not tell whether it exists. */
  private readonly dummyHash = hash('sha256', randomBytes(32), 'buffer');
  private db: ReadModelDb | null = null;

  /** A fresh instance, to build a new version beside this one. */
  fork(): AppDirectoryProjection {
    return new AppDirectoryProjection();
  }

  setup(db: ReadModelDb): void {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS app_directory_organizations (
        organization_id TEXT PRIMARY KEY,
        name TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS app_directory_apps (
        app_id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL,
        name TEXT NOT NULL,
        scopes TEXT NOT NULL,
        grant_types TEXT NOT NULL,
        environments TEXT NOT NULL,
        created_at TEXT NOT NULL,
        position INTEGER NOT NULL,
        created_by TEXT
      );
      CREATE INDEX IF NOT EXISTS app_directory_apps_by_organization ON app_directory_apps (organization_id, position);
      CREATE TABLE IF NOT EXISTS app_directory_clients (
        client_id TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        environment TEXT NOT NULL,
        secret_hash TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS app_directory_clients_by_app ON app_directory_clients (app_id);
    `);
    // A table made by version 1 lacks the creator; the version change rebuilds its rows.
    const columns = db.prepare('PRAGMA table_info(app_directory_apps)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'created_by')) db.exec('ALTER TABLE app_directory_apps ADD COLUMN created_by TEXT');
  }

  reset(db: ReadModelDb): void {
    db.exec('DELETE FROM app_directory_clients; DELETE FROM app_directory_apps; DELETE FROM app_directory_organizations;');
    this.clients.clear();
  }

  load(db: ReadModelDb): void {
    this.clients.clear();
    for (const row of db.prepare(CLIENT_ROWS).all() as ClientRow[]) this.clients.set(row.client_id, toEntry(row));
  }

  apply(event: Recorded<AppEvent | OrganizationCreated>, db: ReadModelDb): void {
    if (event.streamName.startsWith(ORGANIZATION_STREAM_PREFIX)) {
      if (event.type === 'OrganizationCreated') {
        db.prepare('INSERT OR REPLACE INTO app_directory_organizations (organization_id, name) VALUES (?, ?)').run(
          event.data.organizationId,
          event.data.name,
        );
      }
      return;
    }
    if (!event.streamName.startsWith(APP_STREAM_PREFIX) || event.type === 'OrganizationCreated') return;
    switch (event.type) {
      case 'AppCreated': {
        const d = event.data;
        db.prepare(
          `INSERT OR REPLACE INTO app_directory_apps (app_id, organization_id, name, scopes, grant_types, environments, created_at, position, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          d.appId,
          d.organizationId,
          d.name,
          JSON.stringify(d.scopes),
          JSON.stringify(d.grantTypes),
          JSON.stringify(d.environments),
          d.createdAt,
          event.position,
          d.createdBy ?? null,
        );
        return;
      }
      case 'AppUpdated': {
        const d = event.data;
        db.prepare('UPDATE app_directory_apps SET name = ?, scopes = ?, grant_types = ? WHERE app_id = ?').run(
          d.name,
          JSON.stringify(d.scopes),
          JSON.stringify(d.grantTypes),
          d.appId,
        );
        for (const clientId of this.clientIdsOf(db, d.appId)) this.refresh(db, clientId);
        return;
      }
      case 'AppDeleted': {
        const clientIds = this.clientIdsOf(db, event.data.appId);
        db.prepare('DELETE FROM app_directory_clients WHERE app_id = ?').run(event.data.appId);
        db.prepare('DELETE FROM app_directory_apps WHERE app_id = ?').run(event.data.appId);
        for (const clientId of clientIds) this.clients.delete(clientId);
        return;
      }
      case 'AppClientCreated':
        db.prepare('INSERT OR REPLACE INTO app_directory_clients (client_id, app_id, environment, secret_hash) VALUES (?, ?, ?, ?)').run(
          event.data.clientId,
          event.data.appId,
          event.data.environment,
          event.data.secretHash,
        );
        this.refresh(db, event.data.clientId);
        return;
      case 'AppClientSecretRotated':
        db.prepare('UPDATE app_directory_clients SET secret_hash = ? WHERE client_id = ?').run(event.data.secretHash, event.data.clientId);
        this.refresh(db, event.data.clientId);
        return;
    }
  }

  /** A client of any organization, or null. */
  client(clientId: string): AppClientView | null {
    return this.clients.get(clientId)?.view ?? null;
  }

  /** The client when `secret` is its current secret, else null; constant time in the secret. */
  verifySecret(clientId: string, secret: string): AppClientView | null {
    const entry = this.clients.get(clientId);
    const matches = timingSafeEqual(sha256(secret), entry?.secretHash ?? this.dummyHash);
    return entry && matches ? entry.view : null;
  }

  /** The organization's apps in creation order, with their client ids. */
  listApps(organizationId: string, limit?: number, cursor?: string | null): Page<AppSummary> {
    const db = this.requireDb();
    const apps = db.prepare(`${APP_ROWS} WHERE organization_id = ? ORDER BY position LIMIT ? OFFSET ?`);
    return paginate((offset, size) => (apps.all(organizationId, size, offset) as AppRow[]).map((row) => this.summary(db, row)), limit, cursor);
  }

  /** The organization's apps this member created, in creation order. */
  appsCreatedBy(organizationId: string, userId: string): AppSummary[] {
    const db = this.requireDb();
    const rows = db.prepare(`${APP_ROWS} WHERE organization_id = ? AND created_by = ? ORDER BY position`).all(organizationId, userId) as AppRow[];
    return rows.map((row) => this.summary(db, row));
  }

  /** One app of the organization, or null (also for another organization's app and a deleted one). */
  app(organizationId: string, appId: string): AppSummary | null {
    const db = this.requireDb();
    const row = db.prepare(`${APP_ROWS} WHERE organization_id = ? AND app_id = ?`).get(organizationId, appId) as AppRow | undefined;
    return row ? this.summary(db, row) : null;
  }

  private summary(db: ReadModelDb, row: AppRow): AppSummary {
    const clients = db.prepare('SELECT client_id, environment FROM app_directory_clients WHERE app_id = ?').all(row.app_id) as {
      client_id: string;
      environment: Environment;
    }[];
    return {
      id: row.app_id,
      name: row.name,
      scopes: JSON.parse(row.scopes) as Permission[],
      grantTypes: JSON.parse(row.grant_types) as GrantType[],
      environments: JSON.parse(row.environments) as Environment[],
      clients: Object.fromEntries(clients.map((c) => [c.environment, { clientId: c.client_id }])),
      createdAt: row.created_at,
      createdBy: row.created_by,
    };
  }

  private clientIdsOf(db: ReadModelDb, appId: string): string[] {
    return (db.prepare('SELECT client_id FROM app_directory_clients WHERE app_id = ?').all(appId) as { client_id: string }[]).map((r) => r.client_id);
  }

  private refresh(db: ReadModelDb, clientId: string): void {
    const row = db.prepare(`${CLIENT_ROWS} WHERE c.client_id = ?`).get(clientId) as ClientRow | undefined;
    if (row) this.clients.set(clientId, toEntry(row));
    else this.clients.delete(clientId);
  }

  private requireDb(): ReadModelDb {
    if (!this.db) throw new Error('The app directory is not set up yet');
    return this.db;
  }
}
