import { QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore, ProjectionRunner } from '@latchkey/event-store';
import { GetAppClientQuery, VerifyClientSecretQuery } from '@latchkey/organizations';
import { bearer, join, signup, type Joined, type SignedUp } from './support/console';
import { exchange, issueCredential, oauthError } from './support/oauth-journey';
import { startTestApp, type TestApp } from './support/test-app';

const CLIENT_ID = /^(prd|sbx)_[A-Za-z0-9_-]{22}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

describe('apps and their clients (e2e, sqlite)', () => {
  let t: TestApp;
  let admin: SignedUp;
  let developer: Joined;
  let plainUser: Joined;
  let globex: SignedUp;
  let queries: QueryBus;
  let app: {
    id: string;
    clients: { production: { clientId: string; clientSecret: string }; sandbox: { clientId: string; clientSecret: string } };
  };

  const createApp = (token: string, body: Record<string, unknown>) => request(t.server).post('/console/v1/apps').set(bearer(token)).send(body);
  const validApp = {
    name: 'Billing sync',
    scopes: ['ReadAccounts', 'ReadExtensions'],
    grantTypes: ['jwt_bearer', 'refresh_token'],
    environments: ['production', 'sandbox'],
  };

  beforeAll(async () => {
    t = await startTestApp();
    queries = t.app.get(QueryBus);
    [admin, globex] = await Promise.all([signup(t, { organizationName: 'Acme' }), signup(t, { organizationName: 'Globex' })]);
    [developer, plainUser] = await Promise.all([join(t, admin, 'developer'), join(t, admin, 'user')]);
    const res = await createApp(developer.token, validApp).expect(201);
    app = res.body;
  });
  afterAll(() => t?.close());

  it('documents its routes and error codes in the OpenAPI description', async () => {
    const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/console/v1/apps', '/console/v1/apps/lookup', '/console/v1/apps/{appId}/clients/{environment}/secret']),
    );
    expect(doc.paths['/console/v1/apps'].post.responses['403'].description).toContain('DEVELOPER_ACCESS_REQUIRED');
    expect(doc.paths['/console/v1/apps/lookup'].get.responses['404'].description).toContain('APP_NOT_FOUND');
    expect(doc.paths['/console/v1/apps/{appId}/clients/{environment}/secret'].post.tags).toEqual(['Apps']);
  });

  describe('POST /console/v1/apps', () => {
    it('creates the app with one client per environment, each with a secret shown once', async () => {
      const res = await createApp(developer.token, { ...validApp, name: 'Reporting', environments: ['sandbox', 'production'] }).expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Reporting',
        scopes: ['ReadAccounts', 'ReadExtensions'],
        grantTypes: ['jwt_bearer', 'refresh_token'],
        environments: ['production', 'sandbox'],
        clients: {
          production: { clientId: expect.stringMatching(/^prd_/), clientSecret: expect.stringMatching(SECRET) },
          sandbox: { clientId: expect.stringMatching(/^sbx_/), clientSecret: expect.stringMatching(SECRET) },
        },
      });
      expect(res.body.clients.production.clientId).toMatch(CLIENT_ID);
      expect(res.body.clients.sandbox.clientId).toMatch(CLIENT_ID);
      expect(res.body.clients.production.clientId).not.toBe(app.clients.production.clientId);
    });

    it('creates an app for a single environment (a developer admin may too)', async () => {
      const res = await createApp(admin.token, { ...validApp, name: 'Sandbox only', environments: ['sandbox'], grantTypes: ['jwt_bearer'] }).expect(
        201,
      );
      expect(Object.keys(res.body.clients)).toEqual(['sandbox']);
    });

    it('refuses a plain user with 403 DEVELOPER_ACCESS_REQUIRED', async () => {
      const res = await createApp(plainUser.token, validApp).expect(403);
      expect(res.body.code).toBe('DEVELOPER_ACCESS_REQUIRED');
    });

    it('requires a session', async () => {
      await request(t.server).post('/console/v1/apps').send(validApp).expect(401);
    });

    it.each([
      ['no scopes', { scopes: [] }, 'scopes'],
      ['a scope outside the catalog', { scopes: ['ReadAccounts', 'Root'] }, 'scopes'],
      ['duplicate scopes', { scopes: ['ReadAccounts', 'ReadAccounts'] }, 'scopes'],
      ['an unknown grant type', { grantTypes: ['password'] }, 'grantTypes'],
      ['duplicate grant types', { grantTypes: ['jwt_bearer', 'jwt_bearer'] }, 'grantTypes'],
      ['no environments', { environments: [] }, 'environments'],
      ['an unknown environment', { environments: ['staging'] }, 'environments'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a missing name', { name: undefined }, 'name'],
      ['scopes that are not a list', { scopes: 'ReadAccounts' }, 'scopes'],
      ['an unknown field', { clientSecret: 'mine' }, 'clientSecret'],
    ])('refuses %s with 400 and a field error', async (_case, change, field) => {
      const res = await createApp(developer.token, { ...validApp, ...change }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    });
  });

  describe('GET /console/v1/apps', () => {
    it('lists the organization’s apps to any member, without secrets', async () => {
      const res = await request(t.server).get('/console/v1/apps').set(bearer(plainUser.token)).expect(200);
      const listed = res.body.items.find((a: { id: string }) => a.id === app.id);
      expect(listed).toEqual({
        id: app.id,
        name: 'Billing sync',
        scopes: ['ReadAccounts', 'ReadExtensions'],
        grantTypes: ['jwt_bearer', 'refresh_token'],
        environments: ['production', 'sandbox'],
        clients: { production: { clientId: app.clients.production.clientId }, sandbox: { clientId: app.clients.sandbox.clientId } },
        createdAt: expect.any(String),
        createdBy: developer.userId,
      });
      expect(JSON.stringify(res.body)).not.toContain(app.clients.production.clientSecret);
      expect(JSON.stringify(res.body)).not.toContain('secret');
    });

    it('pages through the apps', async () => {
      const first = await request(t.server).get('/console/v1/apps?limit=1').set(bearer(developer.token)).expect(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.items[0].id).toBe(app.id);
      const second = await request(t.server).get(`/console/v1/apps?limit=1&cursor=${first.body.nextCursor}`).set(bearer(developer.token)).expect(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].id).not.toBe(app.id);
    });

    it('does not show another organization’s apps', async () => {
      const res = await request(t.server).get('/console/v1/apps').set(bearer(globex.token)).expect(200);
      expect(res.body).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('GET /console/v1/apps/lookup', () => {
    it('finds an app of any organization by client id', async () => {
      const res = await request(t.server)
        .get(`/console/v1/apps/lookup?clientId=${app.clients.sandbox.clientId}`)
        .set(bearer(globex.token))
        .expect(200);
      expect(res.body).toEqual({ clientId: app.clients.sandbox.clientId, environment: 'sandbox', appName: 'Billing sync', organizationName: 'Acme' });
      const own = await request(t.server)
        .get(`/console/v1/apps/lookup?clientId=${app.clients.production.clientId}`)
        .set(bearer(developer.token))
        .expect(200);
      expect(own.body.environment).toBe('production');
    });

    it('answers 404 APP_NOT_FOUND for an unknown client id', async () => {
      const res = await request(t.server).get('/console/v1/apps/lookup?clientId=sbx_doesnotexist').set(bearer(developer.token)).expect(404);
      expect(res.body.code).toBe('APP_NOT_FOUND');
    });

    it('is for developers, and needs a client id', async () => {
      const res = await request(t.server)
        .get(`/console/v1/apps/lookup?clientId=${app.clients.sandbox.clientId}`)
        .set(bearer(plainUser.token))
        .expect(403);
      expect(res.body.code).toBe('DEVELOPER_ACCESS_REQUIRED');
      const missing = await request(t.server).get('/console/v1/apps/lookup').set(bearer(developer.token)).expect(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['clientId']);
    });
  });

  describe('the app directory (published queries)', () => {
    it('answers GetAppClientQuery and verifies secrets with VerifyClientSecretQuery', async () => {
      const view = await queries.execute(new GetAppClientQuery(app.clients.production.clientId));
      expect(view).toEqual({
        clientId: app.clients.production.clientId,
        environment: 'production',
        appId: app.id,
        appName: 'Billing sync',
        organizationId: admin.organizationId,
        organizationName: 'Acme',
        grantTypes: ['jwt_bearer', 'refresh_token'],
        scopes: ['ReadAccounts', 'ReadExtensions'],
      });
      expect(await queries.execute(new VerifyClientSecretQuery(app.clients.production.clientId, app.clients.production.clientSecret))).toEqual(view);
      expect(await queries.execute(new VerifyClientSecretQuery(app.clients.production.clientId, app.clients.sandbox.clientSecret))).toBeNull();
      expect(await queries.execute(new VerifyClientSecretQuery('prd_unknown', app.clients.production.clientSecret))).toBeNull();
      expect(await queries.execute(new GetAppClientQuery('prd_unknown'))).toBeNull();
    });
  });

  describe('POST /console/v1/apps/{appId}/clients/{environment}/secret', () => {
    it('rotates the secret: the new one works, the old one stops working at once, the client id stays', async () => {
      const created = (await createApp(developer.token, { ...validApp, name: 'Rotating' }).expect(201)).body;
      const old = created.clients.sandbox;
      expect(await queries.execute(new VerifyClientSecretQuery(old.clientId, old.clientSecret))).not.toBeNull();

      const res = await request(t.server).post(`/console/v1/apps/${created.id}/clients/sandbox/secret`).set(bearer(admin.token)).expect(201);
      expect(res.body).toEqual({ clientId: old.clientId, clientSecret: expect.stringMatching(SECRET) });
      expect(res.body.clientSecret).not.toBe(old.clientSecret);

      expect(await queries.execute(new VerifyClientSecretQuery(old.clientId, old.clientSecret))).toBeNull();
      expect(await queries.execute(new VerifyClientSecretQuery(old.clientId, res.body.clientSecret))).toMatchObject({
        clientId: old.clientId,
        appName: 'Rotating',
      });
      // The other environment's client is untouched.
      const production = created.clients.production;
      expect(await queries.execute(new VerifyClientSecretQuery(production.clientId, production.clientSecret))).not.toBeNull();
    });

    it('answers 404 for another organization’s app, an unknown app, or a malformed id', async () => {
      const foreign = await request(t.server).post(`/console/v1/apps/${app.id}/clients/sandbox/secret`).set(bearer(globex.token)).expect(404);
      expect(foreign.body.code).toBe('APP_NOT_FOUND');
      const unknown = await request(t.server)
        .post('/console/v1/apps/7a0b3c4d-0000-4000-8000-000000000000/clients/sandbox/secret')
        .set(bearer(developer.token))
        .expect(404);
      expect(unknown.body.code).toBe('APP_NOT_FOUND');
      const malformed = await request(t.server).post('/console/v1/apps/not-a-uuid/clients/sandbox/secret').set(bearer(developer.token)).expect(404);
      expect(malformed.body.code).toBe('APP_NOT_FOUND');
      // The foreign attempt changed nothing.
      expect(await queries.execute(new VerifyClientSecretQuery(app.clients.sandbox.clientId, app.clients.sandbox.clientSecret))).not.toBeNull();
    });

    it('answers 404 APP_CLIENT_NOT_FOUND for an environment the app has no client in, 400 for an unknown environment', async () => {
      const sandboxOnly = (await createApp(developer.token, { ...validApp, name: 'Sandbox app', environments: ['sandbox'] }).expect(201)).body;
      const missing = await request(t.server)
        .post(`/console/v1/apps/${sandboxOnly.id}/clients/production/secret`)
        .set(bearer(developer.token))
        .expect(404);
      expect(missing.body.code).toBe('APP_CLIENT_NOT_FOUND');
      const bad = await request(t.server).post(`/console/v1/apps/${sandboxOnly.id}/clients/staging/secret`).set(bearer(developer.token)).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['environment']);
    });

    it('is for developers of the app’s organization', async () => {
      const res = await request(t.server).post(`/console/v1/apps/${app.id}/clients/sandbox/secret`).set(bearer(plainUser.token)).expect(403);
      expect(res.body.code).toBe('DEVELOPER_ACCESS_REQUIRED');
      await request(t.server).post(`/console/v1/apps/${app.id}/clients/sandbox/secret`).expect(401);
    });
  });

  describe('PATCH and DELETE /console/v1/apps/{appId}: the creator and developer_admins', () => {
    let otherDeveloper: Joined;
    const patch = (token: string, appId: string, body: Record<string, unknown>) =>
      request(t.server).patch(`/console/v1/apps/${appId}`).set(bearer(token)).send(body);
    const remove = (token: string, appId: string) => request(t.server).delete(`/console/v1/apps/${appId}`).set(bearer(token));
    const rotate = (token: string, appId: string) => request(t.server).post(`/console/v1/apps/${appId}/clients/production/secret`).set(bearer(token));

    beforeAll(async () => {
      otherDeveloper = await join(t, admin, 'developer', { name: 'Other Developer' });
    });

    it('lets the creator rename and rescope their app; the answer and the list show it', async () => {
      const created = (await createApp(developer.token, { ...validApp, name: 'Editable' }).expect(201)).body;
      const res = await patch(developer.token, created.id, { name: '  Edited  ', scopes: ['ReadExtensions'] }).expect(200);
      expect(res.body).toEqual({
        id: created.id,
        name: 'Edited',
        scopes: ['ReadExtensions'],
        grantTypes: ['jwt_bearer', 'refresh_token'],
        environments: ['production', 'sandbox'],
        clients: { production: { clientId: created.clients.production.clientId }, sandbox: { clientId: created.clients.sandbox.clientId } },
        createdAt: expect.any(String),
        createdBy: developer.userId,
      });
      expect(JSON.stringify(res.body)).not.toContain(created.clients.production.clientSecret);
      const listed = (await request(t.server).get('/console/v1/apps?limit=500').set(bearer(plainUser.token)).expect(200)).body.items;
      expect(listed.find((a: { id: string }) => a.id === created.id)).toMatchObject({ name: 'Edited', scopes: ['ReadExtensions'] });
      // Nothing to change: the app as it is.
      expect((await patch(developer.token, created.id, {}).expect(200)).body.name).toBe('Edited');
    });

    it('does not show another developer’s app to a developer: 404 to edit, delete or rotate its secret, and nothing changes', async () => {
      const created = (await createApp(developer.token, { ...validApp, name: 'Not yours' }).expect(201)).body;
      for (const res of [
        await patch(otherDeveloper.token, created.id, { name: 'Mine now' }),
        await remove(otherDeveloper.token, created.id),
        await rotate(otherDeveloper.token, created.id),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('APP_NOT_FOUND');
      }
      const production = created.clients.production;
      expect(await queries.execute(new VerifyClientSecretQuery(production.clientId, production.clientSecret))).toMatchObject({
        appName: 'Not yours',
      });
    });

    it('lets a developer_admin edit, rotate and delete any app of the organization, and no other organization’s', async () => {
      const created = (await createApp(developer.token, { ...validApp, name: 'Admin edits' }).expect(201)).body;
      expect((await patch(admin.token, created.id, { grantTypes: ['jwt_bearer'] }).expect(200)).body.grantTypes).toEqual(['jwt_bearer']);
      await rotate(admin.token, created.id).expect(201);
      for (const res of [
        await patch(globex.token, created.id, { name: 'Stolen' }),
        await remove(globex.token, created.id),
        await rotate(globex.token, created.id),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('APP_NOT_FOUND');
      }
      await remove(admin.token, created.id).expect(204);
      expect((await remove(admin.token, created.id).expect(404)).body.code).toBe('APP_NOT_FOUND');
      expect((await patch(developer.token, created.id, { name: 'Back' }).expect(404)).body.code).toBe('APP_NOT_FOUND');
    });

    it('is for developers, and 404 for unknown or malformed ids', async () => {
      expect((await patch(plainUser.token, app.id, { name: 'x' }).expect(403)).body.code).toBe('DEVELOPER_ACCESS_REQUIRED');
      expect((await remove(plainUser.token, app.id).expect(403)).body.code).toBe('DEVELOPER_ACCESS_REQUIRED');
      await request(t.server).patch(`/console/v1/apps/${app.id}`).send({ name: 'x' }).expect(401);
      for (const id of [randomUUID(), 'not-a-uuid']) {
        expect((await patch(admin.token, id, { name: 'x' }).expect(404)).body.code).toBe('APP_NOT_FOUND');
        expect((await remove(admin.token, id).expect(404)).body.code).toBe('APP_NOT_FOUND');
      }
    });

    it.each([
      ['a null name', { name: null }, 'name', 'name must not be null'],
      ['null scopes', { scopes: null }, 'scopes', 'scopes must not be null'],
      ['null grant types', { grantTypes: null }, 'grantTypes', 'grantTypes must not be null'],
      ['no scopes', { scopes: [] }, 'scopes', 'Choose at least one scope'],
      ['an unknown grant type', { grantTypes: ['password'] }, 'grantTypes', 'grantTypes must contain only jwt_bearer, refresh_token'],
      ['a blank name', { name: ' ' }, 'name', 'Enter a name'],
      ['environments (they cannot change)', { environments: ['sandbox'] }, 'environments', 'environments is not a known field'],
      ['a creator', { createdBy: 'someone' }, 'createdBy', 'createdBy is not a known field'],
    ])('refuses %s with 400 and a field error', async (_case, body, field, message) => {
      const res = await patch(developer.token, app.id, body).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field, message }] });
    });

    it('applies narrowed scopes and grant types to the next token request, and a deletion at once (driving the token endpoint)', async () => {
      const created = (
        await createApp(developer.token, {
          name: 'Token app',
          scopes: ['ReadAccounts', 'EditAccounts'],
          grantTypes: ['jwt_bearer', 'refresh_token'],
          environments: ['production'],
        }).expect(201)
      ).body;
      const client = created.clients.production;
      const credential = await issueCredential(t, developer.token, { label: 'token app credential' });
      const before = (await exchange(t, 'production', client, credential.jwt).expect(200)).body;
      expect(before).toMatchObject({ scope: 'ReadAccounts EditAccounts', refresh_token: expect.any(String) });

      await patch(developer.token, created.id, { scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'] }).expect(200);
      const after = (await exchange(t, 'production', client, credential.jwt).expect(200)).body;
      expect(after.scope).toBe('ReadAccounts');
      expect(after.refresh_token).toBeUndefined();
      expect(oauthError(await exchange(t, 'production', client, credential.jwt, { scope: 'EditAccounts' }))).toEqual({
        status: 400,
        error: 'invalid_scope',
        errorCode: 'OAU-252',
      });

      await remove(developer.token, created.id).expect(204);
      expect(oauthError(await exchange(t, 'production', client, credential.jwt))).toEqual({
        status: 401,
        error: 'invalid_client',
        errorCode: 'OAU-153',
      });
      expect(
        (await request(t.server).get(`/console/v1/apps/lookup?clientId=${client.clientId}`).set(bearer(developer.token)).expect(404)).body.code,
      ).toBe('APP_NOT_FOUND');
      const listed = (await request(t.server).get('/console/v1/apps?limit=500').set(bearer(developer.token)).expect(200)).body.items;
      expect(listed.map((a: { id: string }) => a.id)).not.toContain(created.id);
    });

    it('leaves apps made before creators were recorded to developer_admins', async () => {
      const appId = randomUUID();
      const clientId = `prd_${randomUUID().replace(/-/g, '').slice(0, 22)}`;
      const at = new Date().toISOString();
      const { position } = await t.app.get<symbol, EventStore>(EVENT_STORE).appendToStream(
        `app-${appId}`,
        [
          {
            id: randomUUID(),
            type: 'AppCreated',
            data: {
              appId,
              organizationId: admin.organizationId,
              name: 'Old app',
              scopes: ['ReadAccounts'],
              grantTypes: ['jwt_bearer'],
              environments: ['production'],
              createdAt: at,
            },
            metadata: { correlationId: randomUUID(), actor: { userId: developer.userId, email: developer.email } },
          },
          {
            id: randomUUID(),
            type: 'AppClientCreated',
            data: { appId, environment: 'production', clientId, secretHash: 'a'.repeat(64), createdAt: at },
            metadata: { correlationId: randomUUID(), actor: { userId: developer.userId, email: developer.email } },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
      await t.app.get(ProjectionRunner).waitFor(position);

      const listed = (await request(t.server).get('/console/v1/apps?limit=500').set(bearer(developer.token)).expect(200)).body.items;
      expect(listed.find((a: { id: string }) => a.id === appId)).toMatchObject({ name: 'Old app', createdBy: null });
      expect((await patch(developer.token, appId, { name: 'Mine' }).expect(404)).body.code).toBe('APP_NOT_FOUND');
      expect((await rotate(developer.token, appId).expect(404)).body.code).toBe('APP_NOT_FOUND');
      expect((await remove(developer.token, appId).expect(404)).body.code).toBe('APP_NOT_FOUND');
      expect((await patch(admin.token, appId, { name: 'Renamed by admin' }).expect(200)).body).toMatchObject({
        name: 'Renamed by admin',
        createdBy: null,
      });
      await rotate(admin.token, appId).expect(201);
      await remove(admin.token, appId).expect(204);
    });

    it('documents the routes in the OpenAPI description', async () => {
      const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body;
      const path = doc.paths['/console/v1/apps/{appId}'];
      expect(path.patch.tags).toEqual(['Apps']);
      expect(path.patch.description).toContain('creator');
      expect(path.patch.responses['404'].description).toContain('APP_NOT_FOUND');
      expect(path.delete.responses['204']).toBeDefined();
      expect(path.delete.description).toContain('invalid_client');
      expect(JSON.stringify(doc.components.schemas.UpdateAppDto)).toContain('scopes');
      expect(doc.components.schemas.AppResponse.properties.createdBy.nullable).toBe(true);
    });
  });
});
