import { createHash } from 'node:crypto';
import { projectionSpec } from '@latchkey/event-store/testing';
import { AppDirectoryProjection } from './app-directory.projection';

const ORG = 'org-a';
const OTHER = 'org-b';
const at = '2026-03-01T10:00:00.000Z';
const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

const events = [
  { streamName: `organization-${ORG}`, type: 'OrganizationCreated', data: { organizationId: ORG, name: 'Acme', createdAt: at } },
  { streamName: `organization-${OTHER}`, type: 'OrganizationCreated', data: { organizationId: OTHER, name: 'Globex', createdAt: at } },
  {
    streamName: 'app-a1',
    type: 'AppCreated',
    data: {
      appId: 'a1',
      organizationId: ORG,
      name: 'Sync',
      scopes: ['ReadAccounts'],
      grantTypes: ['jwt_bearer'],
      environments: ['production', 'sandbox'],
      createdAt: at,
    },
  },
  {
    streamName: 'app-a1',
    type: 'AppClientCreated',
    data: { appId: 'a1', environment: 'production', clientId: 'prd_1', secretHash: hash('prod-secret'), createdAt: at },
  },
  {
    streamName: 'app-a1',
    type: 'AppClientCreated',
    data: { appId: 'a1', environment: 'sandbox', clientId: 'sbx_1', secretHash: hash('sandbox-secret'), createdAt: at },
  },
  {
    streamName: 'app-g1',
    type: 'AppCreated',
    data: {
      appId: 'g1',
      organizationId: OTHER,
      name: 'Reports',
      scopes: ['ReadExtensions'],
      grantTypes: ['jwt_bearer', 'refresh_token'],
      environments: ['sandbox'],
      createdAt: at,
    },
  },
  {
    streamName: 'app-g1',
    type: 'AppClientCreated',
    data: { appId: 'g1', environment: 'sandbox', clientId: 'sbx_2', secretHash: hash('globex-secret'), createdAt: at },
  },
];

describe('app directory projection', () => {
  it('finds any organization’s client by id, with its app and organization', () => {
    const directory = new AppDirectoryProjection();
    projectionSpec(directory).given(events);
    expect(directory.client('sbx_2')).toEqual({
      clientId: 'sbx_2',
      environment: 'sandbox',
      appId: 'g1',
      appName: 'Reports',
      organizationId: OTHER,
      organizationName: 'Globex',
      grantTypes: ['jwt_bearer', 'refresh_token'],
      scopes: ['ReadExtensions'],
    });
    expect(directory.client('prd_1')).toMatchObject({ environment: 'production', appName: 'Sync', organizationName: 'Acme' });
    expect(directory.client('nope')).toBeNull();
  });

  it('stores the secret hash only, and verifies the current secret', () => {
    const directory = new AppDirectoryProjection();
    const db = projectionSpec(directory).given(events);
    expect(db.prepare('SELECT client_id, secret_hash FROM app_directory_clients ORDER BY client_id').all()).toEqual([
      { client_id: 'prd_1', secret_hash: hash('prod-secret') },
      { client_id: 'sbx_1', secret_hash: hash('sandbox-secret') },
      { client_id: 'sbx_2', secret_hash: hash('globex-secret') },
    ]);
    expect(directory.verifySecret('prd_1', 'prod-secret')).toMatchObject({ clientId: 'prd_1' });
    expect(directory.verifySecret('prd_1', 'sandbox-secret')).toBeNull();
    expect(directory.verifySecret('unknown', 'prod-secret')).toBeNull();
    expect(directory.verifySecret('prd_1', '')).toBeNull();
  });

  it('answers with the new secret only after a rotation, in the table and in memory', () => {
    const directory = new AppDirectoryProjection();
    const db = projectionSpec(directory).given([
      ...events,
      {
        streamName: 'app-a1',
        type: 'AppClientSecretRotated',
        data: { appId: 'a1', environment: 'sandbox', clientId: 'sbx_1', secretHash: hash('rotated'), rotatedAt: at },
      },
    ]);
    expect(directory.verifySecret('sbx_1', 'sandbox-secret')).toBeNull();
    expect(directory.verifySecret('sbx_1', 'rotated')).toMatchObject({ clientId: 'sbx_1' });

    const reloaded = new AppDirectoryProjection();
    reloaded.setup(db);
    reloaded.load(db);
    expect(reloaded.verifySecret('sbx_1', 'rotated')).toMatchObject({ clientId: 'sbx_1', appName: 'Sync' });
    expect(reloaded.verifySecret('sbx_1', 'sandbox-secret')).toBeNull();
    expect(reloaded.client('sbx_2')).toMatchObject({ organizationName: 'Globex' });
  });

  it('lists an organization’s apps without secrets, paginated', () => {
    const directory = new AppDirectoryProjection();
    projectionSpec(directory).given([
      ...events,
      {
        streamName: 'app-a2',
        type: 'AppCreated',
        data: {
          appId: 'a2',
          organizationId: ORG,
          name: 'Second',
          scopes: ['EditAccounts'],
          grantTypes: ['jwt_bearer'],
          environments: ['sandbox'],
          createdAt: at,
        },
      },
      {
        streamName: 'app-a2',
        type: 'AppClientCreated',
        data: { appId: 'a2', environment: 'sandbox', clientId: 'sbx_3', secretHash: hash('s3'), createdAt: at },
      },
    ]);
    const first = directory.listApps(ORG, 1);
    expect(first.items).toEqual([
      {
        id: 'a1',
        name: 'Sync',
        scopes: ['ReadAccounts'],
        grantTypes: ['jwt_bearer'],
        environments: ['production', 'sandbox'],
        clients: { production: { clientId: 'prd_1' }, sandbox: { clientId: 'sbx_1' } },
        createdAt: at,
        createdBy: null,
      },
    ]);
    const second = directory.listApps(ORG, 1, first.nextCursor);
    expect(second).toEqual({ items: [expect.objectContaining({ id: 'a2', clients: { sandbox: { clientId: 'sbx_3' } } })], nextCursor: null });
    expect(JSON.stringify([first, second])).not.toContain(hash('prod-secret'));
    expect(directory.listApps(OTHER).items.map((a) => a.id)).toEqual(['g1']);
  });

  it('forgets everything on reset', () => {
    const directory = new AppDirectoryProjection();
    const db = projectionSpec(directory).given(events);
    directory.reset(db);
    expect(directory.client('prd_1')).toBeNull();
    expect(directory.listApps(ORG).items).toEqual([]);
  });

  describe('updates and deletions', () => {
    const updated = {
      streamName: 'app-a1',
      type: 'AppUpdated',
      data: { appId: 'a1', organizationId: ORG, name: 'Sync v2', scopes: ['ReadExtensions'], grantTypes: ['jwt_bearer'], updatedAt: at },
    };
    const deleted = { streamName: 'app-a1', type: 'AppDeleted', data: { appId: 'a1', organizationId: ORG, deletedAt: at } };

    it('records the creator of apps that have one', () => {
      const directory = new AppDirectoryProjection();
      projectionSpec(directory).given([
        ...events,
        {
          streamName: 'app-a3',
          type: 'AppCreated',
          data: {
            appId: 'a3',
            organizationId: ORG,
            name: 'Mine',
            scopes: ['ReadAccounts'],
            grantTypes: ['jwt_bearer'],
            environments: ['sandbox'],
            createdAt: at,
            createdBy: 'u-dev',
          },
        },
      ]);
      expect(directory.app(ORG, 'a3')).toMatchObject({ id: 'a3', createdBy: 'u-dev' });
      expect(directory.app(ORG, 'a1')).toMatchObject({ id: 'a1', createdBy: null });
      expect(directory.app(OTHER, 'a3')).toBeNull();
    });

    it('answers every client of an updated app with its new name, scopes and grant types, also after a restart', () => {
      const directory = new AppDirectoryProjection();
      const db = projectionSpec(directory).given([...events, updated]);
      for (const clientId of ['prd_1', 'sbx_1']) {
        expect(directory.client(clientId)).toMatchObject({ appName: 'Sync v2', scopes: ['ReadExtensions'], grantTypes: ['jwt_bearer'] });
        expect(directory.verifySecret(clientId, clientId === 'prd_1' ? 'prod-secret' : 'sandbox-secret')).toMatchObject({
          scopes: ['ReadExtensions'],
        });
      }
      expect(directory.app(ORG, 'a1')).toMatchObject({ name: 'Sync v2', scopes: ['ReadExtensions'], grantTypes: ['jwt_bearer'] });
      const reloaded = new AppDirectoryProjection();
      reloaded.setup(db);
      reloaded.load(db);
      expect(reloaded.client('sbx_1')).toMatchObject({ appName: 'Sync v2', scopes: ['ReadExtensions'] });
    });

    it('forgets a deleted app and its clients, in the tables and in memory', () => {
      const directory = new AppDirectoryProjection();
      const db = projectionSpec(directory).given([...events, deleted]);
      expect(directory.client('prd_1')).toBeNull();
      expect(directory.verifySecret('sbx_1', 'sandbox-secret')).toBeNull();
      expect(directory.app(ORG, 'a1')).toBeNull();
      expect(directory.listApps(ORG).items).toEqual([]);
      expect(directory.client('sbx_2')).toMatchObject({ appName: 'Reports' });
      const reloaded = new AppDirectoryProjection();
      reloaded.setup(db);
      reloaded.load(db);
      expect(reloaded.client('prd_1')).toBeNull();
    });

    it('adds the creator column to a table made by version 1', () => {
      const directory = new AppDirectoryProjection();
      const db = projectionSpec(directory).given([]);
      db.exec('DROP TABLE app_directory_apps');
      db.exec(
        'CREATE TABLE app_directory_apps (app_id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, name TEXT NOT NULL, scopes TEXT NOT NULL, grant_types TEXT NOT NULL, environments TEXT NOT NULL, created_at TEXT NOT NULL, position INTEGER NOT NULL)',
      );
      directory.setup(db);
      expect((db.prepare('PRAGMA table_info(app_directory_apps)').all() as { name: string }[]).map((c) => c.name)).toContain('created_by');
    });
  });
});
