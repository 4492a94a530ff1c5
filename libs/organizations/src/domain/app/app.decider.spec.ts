import { deciderSpec } from '@latchkey/event-store/testing';
import type { AppEvent } from './app.events';
import type { CreateApp, RotateClientSecret } from './app.decide';
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
  at: AT,
};
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
    },
  },
  { type: 'AppClientCreated', data: { appId: APP, environment: 'production', clientId: 'prd_client', secretHash: 'p'.repeat(64), createdAt: AT } },
  { type: 'AppClientCreated', data: { appId: APP, environment: 'sandbox', clientId: 'sbx_client', secretHash: 's'.repeat(64), createdAt: AT } },
];
const rotate: RotateClientSecret = {
  type: 'RotateClientSecret',
  organizationId: ORG,
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
});
