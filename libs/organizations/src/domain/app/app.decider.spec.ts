import { deciderSpec } from '@latchkey/event-store/testing';
import type { AppEvent } from './app.events';
import type { AppActor, CreateApp, DeleteApp, RotateClientSecret, UpdateApp } from './app.decide';
import { appDecider } from './app.decider';

const APP = '9a7e1f00-0000-4000-8000-000000000001';
const ORG = '6f1c2a8e-0000-4000-8000-000000000001';
const AT = '2026-03-01T10:00:00.000Z';

const create: CreateApp = {
  type: 'CreateApp',
  appId: APP,
  organizationId: ORG,
  name: ' Billing sync ',
  scopes: ['ReadExtensions', 'ReadAccounts'],
  grantTypes: ['refresh_token', 'jwt_bearer'],
  clients: [
    { environment: 'sandbox', clientId: 'sbx_client', secretHash: 's'.repeat(64) },
    { environment: 'production', clientId: 'prd_client', secretHash: 'p'.repeat(64) },
  ],
  createdBy: 'dev',
  at: AT,
};
/** The creator, another developer, and a developer_admin of the organization. */
const CREATOR: AppActor = { userId: 'dev', developerAdmin: false };
const OTHER_DEVELOPER: AppActor = { userId: 'eve', developerAdmin: false };
const ADMIN: AppActor = { userId: 'ann', developerAdmin: true };
const created: AppEvent[] = [
  {
    type: 'AppCreated',
    data: {
      appId: APP,
      organizationId: ORG,
      name: 'Billing sync',
      scopes: ['ReadAccounts', 'ReadExtensions'],
      grantTypes: ['jwt_bearer', 'refresh_token'],
      environments: ['production', 'sandbox'],
      createdAt: AT,
      createdBy: 'dev',
    },
  },
  { type: 'AppClientCreated', data: { appId: APP, environment: 'production', clientId: 'prd_client', secretHash: 'p'.repeat(64), createdAt: AT } },
  { type: 'AppClientCreated', data: { appId: APP, environment: 'sandbox', clientId: 'sbx_client', secretHash: 's'.repeat(64), createdAt: AT } },
];
const rotate: RotateClientSecret = {
  type: 'RotateClientSecret',
  organizationId: ORG,
  actor: CREATOR,
  environment: 'sandbox',
  secretHash: 'n'.repeat(64),
  at: '2026-03-02T00:00:00.000Z',
};
const spec = () => deciderSpec(appDecider);

describe('app decider', () => {
  it('creates the app with one client per environment', () => {
    spec().given([]).when(create).then(created);
  });

  it('creates an app for one environment only', () => {
    spec()
      .given([])
      .when({ ...create, clients: [create.clients[0]] })
      .then([{ type: 'AppCreated', data: { ...(created[0].data as object), environments: ['sandbox'] } } as AppEvent, created[2]]);
  });

  it('refuses to create the same app twice', () => {
    spec().given(created).when(create).thenFails('APP_EXISTS', 'conflict');
  });

  it('rotates a client secret, keeping the client id', () => {
    spec()
      .given(created)
      .when(rotate)
      .then([
        {
          type: 'AppClientSecretRotated',
          data: { appId: APP, environment: 'sandbox', clientId: 'sbx_client', secretHash: 'n'.repeat(64), rotatedAt: rotate.at },
        },
      ]);
  });

  it('does not find the app for another organization, or before it exists', () => {
    spec()
      .given(created)
      .when({ ...rotate, organizationId: 'other-org' })
      .thenFails('APP_NOT_FOUND', 'not-found');
    spec().given([]).when(rotate).thenFails('APP_NOT_FOUND', 'not-found');
  });

  it('does not rotate a client for an environment the app does not have', () => {
    spec().given([created[0], created[1]]).when(rotate).thenFails('APP_CLIENT_NOT_FOUND', 'not-found');
  });

  it('folds a rotation so that the newest secret hash is the current one', () => {
    const rotated: AppEvent = {
      type: 'AppClientSecretRotated',
      data: { appId: APP, environment: 'sandbox', clientId: 'sbx_client', secretHash: 'n'.repeat(64), rotatedAt: rotate.at },
    };
    const state = [...created, rotated].reduce(appDecider.evolve, appDecider.initialState());
    expect(state.clients.sandbox).toEqual({ clientId: 'sbx_client', secretHash: 'n'.repeat(64) });
    expect(state.clients.production).toEqual({ clientId: 'prd_client', secretHash: 'p'.repeat(64) });
  });

  describe('who may change an app', () => {
    const { createdBy: _, ...legacyData } = created[0].data as Extract<AppEvent, { type: 'AppCreated' }>['data'];
    /** An app created before creators were recorded. */
    const legacy: AppEvent[] = [{ type: 'AppCreated', data: legacyData }, created[1], created[2]];
    const update = (actor: AppActor, change: Partial<UpdateApp> = { name: ' Renamed ' }): UpdateApp => ({
      type: 'UpdateApp',
      organizationId: ORG,
      actor,
      ...change,
      at: '2026-03-03T00:00:00.000Z',
    });
    const remove = (actor: AppActor, organizationId = ORG): DeleteApp => ({
      type: 'DeleteApp',
      organizationId,
      actor,
      at: '2026-03-04T00:00:00.000Z',
    });
    const updated = (data: Partial<Extract<AppEvent, { type: 'AppUpdated' }>['data']> = {}): AppEvent => ({
      type: 'AppUpdated',
      data: {
        appId: APP,
        organizationId: ORG,
        name: 'Renamed',
        scopes: ['ReadAccounts', 'ReadExtensions'],
        grantTypes: ['jwt_bearer', 'refresh_token'],
        updatedAt: '2026-03-03T00:00:00.000Z',
        ...data,
      },
    });
    const deleted: AppEvent = { type: 'AppDeleted', data: { appId: APP, organizationId: ORG, deletedAt: '2026-03-04T00:00:00.000Z' } };

    it('lets the creator and a developer_admin rename, rescope and change grant types, recording the app as it now is', () => {
      spec().given(created).when(update(CREATOR)).then([updated()]);
      spec().given(created).when(update(ADMIN)).then([updated()]);
      spec()
        .given(created)
        .when(update(CREATOR, { scopes: ['ReadExtensions'], grantTypes: ['jwt_bearer'] }))
        .then([updated({ name: 'Billing sync', scopes: ['ReadExtensions'], grantTypes: ['jwt_bearer'] })]);
      spec()
        .given(created)
        .when(update(ADMIN, { scopes: ['EditAccounts', 'ReadAccounts'] }))
        .then([updated({ name: 'Billing sync', scopes: ['ReadAccounts', 'EditAccounts'] })]);
    });

    it('decides nothing when nothing changes', () => {
      spec()
        .given(created)
        .when(update(CREATOR, { name: 'Billing sync', scopes: ['ReadExtensions', 'ReadAccounts'] }))
        .then([]);
      spec().given(created).when(update(CREATOR, {})).then([]);
    });

    it('lets the creator and a developer_admin delete it', () => {
      spec().given(created).when(remove(CREATOR)).then([deleted]);
      spec().given(created).when(remove(ADMIN)).then([deleted]);
    });

    it('does not show the app to another developer: 404 for every change', () => {
      spec().given(created).when(update(OTHER_DEVELOPER)).thenFails('APP_NOT_FOUND', 'not-found');
      spec().given(created).when(remove(OTHER_DEVELOPER)).thenFails('APP_NOT_FOUND', 'not-found');
      spec()
        .given(created)
        .when({ ...rotate, actor: OTHER_DEVELOPER })
        .thenFails('APP_NOT_FOUND', 'not-found');
      spec()
        .given(created)
        .when({ ...rotate, actor: ADMIN })
        .then([expect.objectContaining({ type: 'AppClientSecretRotated' }) as AppEvent]);
    });

    it('leaves an app without a recorded creator to developer_admins', () => {
      spec().given(legacy).when(update(CREATOR)).thenFails('APP_NOT_FOUND', 'not-found');
      spec().given(legacy).when(remove(CREATOR)).thenFails('APP_NOT_FOUND', 'not-found');
      spec()
        .given(legacy)
        .when({ ...rotate, actor: CREATOR })
        .thenFails('APP_NOT_FOUND', 'not-found');
      spec().given(legacy).when(update(ADMIN)).then([updated()]);
      spec().given(legacy).when(remove(ADMIN)).then([deleted]);
    });

    it('does not find another organization’s app, even for its admin-looking caller', () => {
      spec().given(created).when(remove(ADMIN, 'other-org')).thenFails('APP_NOT_FOUND', 'not-found');
      spec()
        .given(created)
        .when({ ...update(ADMIN), organizationId: 'other-org' })
        .thenFails('APP_NOT_FOUND', 'not-found');
    });

    it('does not find a deleted app for anything', () => {
      spec()
        .given([...created, deleted])
        .when(update(ADMIN))
        .thenFails('APP_NOT_FOUND', 'not-found');
      spec()
        .given([...created, deleted])
        .when(remove(ADMIN))
        .thenFails('APP_NOT_FOUND', 'not-found');
      spec()
        .given([...created, deleted])
        .when({ ...rotate, actor: ADMIN })
        .thenFails('APP_NOT_FOUND', 'not-found');
    });

    it('folds an update into the state', () => {
      const state = [...created, updated({ scopes: ['ReadAccounts'] })].reduce(appDecider.evolve, appDecider.initialState());
      expect(state).toMatchObject({ name: 'Renamed', scopes: ['ReadAccounts'], createdBy: 'dev', deleted: false });
    });
  });
});
