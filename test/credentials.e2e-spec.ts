import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { bearer, join as joinOrganization, type Joined, signup, type SignedUp } from './support/console';
import {
  accountsOf,
  allowlistEntry,
  createApp,
  type CreatedApp,
  createCredential,
  credentialBody,
  CREDENTIALS,
  daysFromNow,
  historyOf,
  recordUsage,
  seconds,
  verifyCredentialJwt,
} from './support/credentials-journey';
import { startTestApp, type TestApp } from './support/test-app';
import { Clock } from '@latchkey/building-blocks';

const NEVER_EXP = 4102444800; // 2100-01-01T00:00:00Z

describe('JWT credentials (e2e, sqlite)', () => {
  let t: TestApp;
  let admin: SignedUp; // developer_admin of Acme
  let dev: Joined; // developer of Acme
  let colleague: Joined; // another developer of Acme
  let plainUser: Joined; // role user of Acme
  let globex: SignedUp; // developer_admin of another organization
  let acmeApp: CreatedApp;
  let globexApp: CreatedApp;
  const jwts: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    [admin, globex] = await Promise.all([
      signup(t, { name: 'Ann Admin', organizationName: 'Acme' }),
      signup(t, { name: 'Zed Globex', organizationName: 'Globex' }),
    ]);
    [dev, colleague, plainUser] = await Promise.all([
      joinOrganization(t, admin, 'developer', { name: 'Dana Dev' }),
      joinOrganization(t, admin, 'developer', { name: 'Cole League' }),
      joinOrganization(t, admin, 'user', { name: 'Uma User' }),
    ]);
    [acmeApp, globexApp] = await Promise.all([createApp(t, admin.token, 'Acme Internal'), createApp(t, globex.token, 'Globex Reporter')]);
  }, 30_000);

  afterAll(async () => {
    await t?.close();
  });

  const create = async (token: string, overrides: Record<string, unknown> = {}) => {
    const created = await createCredential(t, token, overrides);
    jwts.push(created.jwt);
    return created;
  };

  describe('the seed journey', () => {
    it('a developer creates a JWT for the apps of their organization; it verifies with the environment’s key and carries exactly the claims', async () => {
      const before = Math.floor(Date.now() / 1000);
      const res = await request(t.server)
        .post(CREDENTIALS)
        .set(bearer(dev.token))
        .send(credentialBody({ label: 'Nightly export' }))
        .expect(201);
      jwts.push(res.body.jwt);
      const { credential, jwt } = res.body;
      expect(Object.keys(res.body).sort()).toEqual(['credential', 'jwt']);
      expect(credential).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        label: 'Nightly export',
        environment: 'production',
        status: 'active',
        allowedApps: { type: 'organization' },
        ownerId: dev.userId,
        ownerEmail: dev.email,
        createdAt: expect.any(String),
        expiresAt: null,
        revokedAt: null,
        revocationReason: null,
        lastUsedAt: null,
        allowedAddresses: [],
        lastUsed: null,
        usedBy: [],
        revision: 0,
      });
      expect(res.headers.etag).toBe('"0"');
      expect(res.headers.location).toBe(`${CREDENTIALS}/${credential.id}`);
      expect(res.headers['cache-control']).toBe('no-store');

      const { header, payload } = await verifyCredentialJwt(t, jwt, 'production');
      expect(header).toMatchObject({ alg: 'ES256', typ: 'credential+jwt' });
      const accounts = await accountsOf(t, dev.token);
      expect(payload).toEqual({
        iss: 'http://latchkey.test',
        aud: 'http://latchkey.test/restapi/oauth/token',
        sub: accounts.production.userId,
        jti: credential.id,
        iat: expect.any(Number),
        exp: NEVER_EXP,
      });
      expect(payload.iat).toBeGreaterThanOrEqual(before);
      expect(payload.iat).toBe(seconds(credential.createdAt));

      // Read-your-writes: the list, the credential and the allowlist include it as soon as the POST answered.
      const list = await request(t.server).get(CREDENTIALS).set(bearer(dev.token)).expect(200);
      expect(list.body.items[0]).toEqual(credential);
      const one = await request(t.server).get(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).expect(200);
      expect(one.body).toEqual(credential);
      expect(one.headers.etag).toBe('"0"');
      expect(await allowlistEntry(t, credential.id)).toEqual({
        credentialId: credential.id,
        status: 'active',
        environment: 'production',
        ownerId: dev.userId,
        ownerEnvironmentUserId: accounts.production.userId,
        organizationId: admin.organizationId,
        policy: 'organization',
        clientIds: [],
        expiresAt: null,
        allowedAddresses: [],
      });
    });

    it('a developer restricts a JWT to a third party’s app found with the "Add app" lookup', async () => {
      const thirdParty = globexApp.clients.production!.clientId;
      const lookup = await request(t.server).get('/console/v1/apps/lookup').query({ clientId: thirdParty }).set(bearer(dev.token)).expect(200);
      expect(lookup.body).toEqual({ clientId: thirdParty, environment: 'production', appName: 'Globex Reporter', organizationName: 'Globex' });

      const expiresAt = daysFromNow(30);
      const { credential, jwt } = await create(dev.token, {
        label: 'Shared with Globex',
        expiresAt,
        allowedApps: { type: 'specific', clientIds: [thirdParty] },
      });
      expect(credential).toMatchObject({
        status: 'active',
        expiresAt,
        allowedApps: { type: 'specific', apps: [{ clientId: thirdParty, appName: 'Globex Reporter', organizationName: 'Globex' }] },
      });
      const { payload } = await verifyCredentialJwt(t, jwt, 'production');
      expect(payload.exp).toBe(seconds(expiresAt));
      expect(await allowlistEntry(t, credential.id)).toMatchObject({ policy: 'specific', clientIds: [thirdParty], expiresAt: seconds(expiresAt) });

      // "Add app": one more app, of the developer's own organization; adding it again changes nothing.
      const own = acmeApp.clients.production!.clientId;
      const added = await request(t.server)
        .post(`${CREDENTIALS}/${credential.id}/allowed-apps`)
        .set(bearer(dev.token))
        .send({ clientId: own })
        .expect(200);
      expect(added.body.allowedApps.apps.map((a: { clientId: string }) => a.clientId)).toEqual([thirdParty, own]);
      expect(added.body.allowedApps.apps[1]).toEqual({ clientId: own, appName: 'Acme Internal', organizationName: 'Acme', status: 'active' });
      expect(added.body.revision).toBe(1);
      const again = await request(t.server)
        .post(`${CREDENTIALS}/${credential.id}/allowed-apps`)
        .set(bearer(dev.token))
        .send({ clientId: own })
        .expect(200);
      expect(again.body.revision).toBe(1);
      expect(again.body.allowedApps.apps).toHaveLength(2);

      const removed = await request(t.server)
        .delete(`${CREDENTIALS}/${credential.id}/allowed-apps/${encodeURIComponent(thirdParty)}`)
        .set(bearer(dev.token))
        .expect(200);
      expect(removed.body.allowedApps).toEqual({
        type: 'specific',
        apps: [{ clientId: own, appName: 'Acme Internal', organizationName: 'Acme', status: 'active' }],
      });
      expect(await allowlistEntry(t, credential.id)).toMatchObject({ policy: 'specific', clientIds: [own] });
    });

    it('a developer admin lists another developer’s credentials through the organization and revokes one; the history shows who did what', async () => {
      const { credential } = await create(colleague.token, { label: 'Colleague’s key' });
      const listed = await request(t.server)
        .get(`/console/v1/organization/members/${colleague.userId}/credentials`)
        .set(bearer(admin.token))
        .expect(200);
      expect(listed.body).toEqual({ items: [credential], nextCursor: null });

      const revoked = await request(t.server)
        .post(`${CREDENTIALS}/${credential.id}/revoke`)
        .set(bearer(admin.token))
        .send({ reason: 'Rotating every key after the audit' })
        .expect(200);
      expect(revoked.body).toMatchObject({
        id: credential.id,
        status: 'revoked',
        revokedAt: expect.any(String),
        revocationReason: 'admin',
        revision: 1,
      });
      expect(revoked.headers.etag).toBe('"1"');
      // From the moment the revoke answered, the allowlist says so.
      expect((await allowlistEntry(t, credential.id))?.status).toBe('revoked');

      const ownerView = await request(t.server).get(CREDENTIALS).set(bearer(colleague.token)).expect(200);
      expect(ownerView.body.items).toEqual([expect.objectContaining({ id: credential.id, status: 'revoked' })]);

      const history = await historyOf(t, admin.token, credential.id);
      expect(history.map((e) => [e.type, e.actor?.email])).toEqual([
        ['CredentialCreated', colleague.email],
        ['CredentialRevoked', admin.email],
      ]);
      expect(history[1]).toMatchObject({
        actor: { userId: admin.userId, email: admin.email },
        data: { credentialId: credential.id, reason: 'Rotating every key after the audit' },
      });
      expect(await historyOf(t, colleague.token, credential.id)).toEqual(history);
    });

    it('a sandbox credential needs the owner’s sandbox account, then carries the sandbox issuer, audience and user id', async () => {
      const body = credentialBody({ environment: 'sandbox', label: 'Sandbox tests' });
      const refused = await request(t.server).post(CREDENTIALS).set(bearer(dev.token)).send(body).expect(409);
      expect(refused.body).toMatchObject({ code: 'SANDBOX_ACCOUNT_REQUIRED', status: 409 });

      const sandbox = await request(t.server).post('/console/v1/me/sandbox-account').set(bearer(dev.token)).expect(201);
      const { credential, jwt } = await create(dev.token, {
        environment: 'sandbox',
        allowedApps: { type: 'specific', clientIds: [globexApp.clients.sandbox!.clientId] },
      });
      expect(credential).toMatchObject({ environment: 'sandbox', status: 'active' });
      const { payload } = await verifyCredentialJwt(t, jwt, 'sandbox');
      expect(payload).toMatchObject({
        iss: 'http://latchkey.test/sandbox',
        aud: 'http://latchkey.test/sandbox/restapi/oauth/token',
        sub: sandbox.body.userId,
        jti: credential.id,
      });
      await expect(verifyCredentialJwt(t, jwt, 'production')).rejects.toThrow();
      expect(await allowlistEntry(t, credential.id)).toMatchObject({ environment: 'sandbox', ownerEnvironmentUserId: sandbox.body.userId });

      // Client ids are bound to their environment too.
      const wrong = await request(t.server)
        .post(CREDENTIALS)
        .set(bearer(dev.token))
        .send(credentialBody({ environment: 'sandbox', allowedApps: { type: 'specific', clientIds: [globexApp.clients.production!.clientId] } }))
        .expect(422);
      expect(wrong.body).toMatchObject({ code: 'APP_NOT_FOUND' });
      expect(wrong.body.detail).toContain(globexApp.clients.production!.clientId);
    });

    it('removing a member revokes their credentials before the removal answers', async () => {
      const leaver = await joinOrganization(t, admin, 'developer', { name: 'Lee Leaver' });
      const [a, b, c] = [
        await create(leaver.token, { label: 'A' }),
        await create(leaver.token, { label: 'B' }),
        await create(leaver.token, { label: 'C' }),
      ];
      await request(t.server).delete(`${CREDENTIALS}/${c.credential.id}`).set(bearer(leaver.token)).expect(204);

      await request(t.server).delete(`/console/v1/organization/members/${leaver.userId}`).set(bearer(admin.token)).expect(204);

      const listed = await request(t.server)
        .get(`/console/v1/organization/members/${leaver.userId}/credentials`)
        .set(bearer(admin.token))
        .expect(200);
      expect(listed.body.items.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([
        [b.credential.id, 'revoked'],
        [a.credential.id, 'revoked'],
      ]);
      for (const { credential } of [a, b]) expect((await allowlistEntry(t, credential.id))?.status).toBe('revoked');
      expect((await allowlistEntry(t, c.credential.id))?.status).toBe('deleted');
      const history = await historyOf(t, admin.token, a.credential.id);
      expect(history.at(-1)).toMatchObject({
        type: 'CredentialRevoked',
        actor: { userId: admin.userId, email: admin.email },
        data: { reason: 'Owner removed from the organization' },
      });
      expect(history.filter((e) => e.type === 'CredentialRevoked')).toHaveLength(1);
    });
  });

  describe('who may do what', () => {
    let devCredentialId: string;
    beforeAll(async () => {
      devCredentialId = (await create(dev.token, { label: 'Access checks' })).credential.id;
    });

    it('needs a session', async () => {
      await request(t.server).get(CREDENTIALS).expect(401);
      const res = await request(t.server).post(CREDENTIALS).send(credentialBody()).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    it('refuses to create or list for a member without developer access', async () => {
      const created = await request(t.server).post(CREDENTIALS).set(bearer(plainUser.token)).send(credentialBody()).expect(403);
      expect(created.body).toMatchObject({ code: 'DEVELOPER_ACCESS_REQUIRED', status: 403 });
      const listed = await request(t.server).get(CREDENTIALS).set(bearer(plainUser.token)).expect(403);
      expect(listed.body.code).toBe('DEVELOPER_ACCESS_REQUIRED');
    });

    it.each([
      ['another developer of the organization', () => colleague.token],
      ['a plain user of the organization', () => plainUser.token],
      ['a developer admin of another organization', () => globex.token],
    ])('hides the credential from %s: every route is 404', async (_who, token) => {
      const id = devCredentialId;
      const calls = [
        request(t.server).get(`${CREDENTIALS}/${id}`),
        request(t.server).patch(`${CREDENTIALS}/${id}`).send({ label: 'mine now' }),
        request(t.server).post(`${CREDENTIALS}/${id}/allowed-apps`).send({ clientId: acmeApp.clients.production!.clientId }),
        request(t.server).delete(`${CREDENTIALS}/${id}/allowed-apps/x`),
        request(t.server).post(`${CREDENTIALS}/${id}/revoke`).send({}),
        request(t.server).delete(`${CREDENTIALS}/${id}`),
        request(t.server).get(`${CREDENTIALS}/${id}/history`),
      ];
      for (const call of calls) {
        const res = await call.set(bearer(token()));
        expect([res.status, res.body.code]).toEqual([404, 'CREDENTIAL_NOT_FOUND']);
      }
      const still = await request(t.server).get(`${CREDENTIALS}/${id}`).set(bearer(dev.token)).expect(200);
      expect(still.body).toMatchObject({ status: 'active', revision: 0, label: 'Access checks' });
    });

    it('answers 404 for unknown and malformed ids', async () => {
      for (const id of ['5b0c9a52-5a37-4a51-9c8c-6a7e0e3c2f10', 'not-a-uuid', '..%2F..%2Fetc']) {
        const res = await request(t.server).get(`${CREDENTIALS}/${id}`).set(bearer(admin.token));
        expect([res.status, res.body.code]).toEqual([404, 'CREDENTIAL_NOT_FOUND']);
      }
    });

    it('lets a developer admin read and change a member’s credential', async () => {
      const res = await request(t.server)
        .patch(`${CREDENTIALS}/${devCredentialId}`)
        .set(bearer(admin.token))
        .send({ label: 'Renamed by admin' })
        .expect(200);
      expect(res.body).toMatchObject({ label: 'Renamed by admin', ownerId: dev.userId, ownerEmail: dev.email });
      const history = await historyOf(t, dev.token, devCredentialId);
      expect(history.at(-1)).toMatchObject({
        type: 'CredentialLabelChanged',
        actor: { email: admin.email },
        data: { label: 'Renamed by admin', previousLabel: 'Access checks' },
      });
    });

    it('keeps the organization routes for developer admins of that organization', async () => {
      const notAdmin = await request(t.server)
        .get(`/console/v1/organization/members/${dev.userId}/credentials`)
        .set(bearer(colleague.token))
        .expect(403);
      expect(notAdmin.body.code).toBe('DEVELOPER_ADMIN_REQUIRED');
      const otherOrg = await request(t.server)
        .get(`/console/v1/organization/members/${dev.userId}/credentials`)
        .set(bearer(globex.token))
        .expect(404);
      expect(otherOrg.body.code).toBe('MEMBER_NOT_FOUND');
      const audit = await request(t.server).get('/console/v1/audit').set(bearer(dev.token)).expect(403);
      expect(audit.body.code).toBe('DEVELOPER_ADMIN_REQUIRED');
    });
  });

  describe('validation', () => {
    it.each([
      ['an empty label', { label: '' }, 'label'],
      ['a 101-character label', { label: 'x'.repeat(101) }, 'label'],
      ['a label with a control character', { label: 'bad\u0007label' }, 'label'],
      ['a label that is not a string', { label: 42 }, 'label'],
      ['an expiry in the past', { expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
      ['an expiry that is not a date', { expiresAt: 'tomorrow' }, 'expiresAt'],
      ['a missing expiry', { expiresAt: undefined }, 'expiresAt'],
      ['an unknown environment', { environment: 'staging' }, 'environment'],
      ['an empty specific list', { allowedApps: { type: 'specific', clientIds: [] } }, 'allowedApps.clientIds'],
      ['duplicate client ids', { allowedApps: { type: 'specific', clientIds: ['a', 'a'] } }, 'allowedApps.clientIds'],
      ['an unknown policy', { allowedApps: { type: 'everyone' } }, 'allowedApps.type'],
      ['an unknown field', { isAdmin: true }, 'isAdmin'],
      ['an unknown field in allowedApps', { allowedApps: { type: 'organization', extra: 1 } }, 'allowedApps.extra'],
    ])('refuses %s with 400 and a field error', async (_name, overrides, field) => {
      const res = await request(t.server).post(CREDENTIALS).set(bearer(dev.token)).send(credentialBody(overrides)).expect(400);
      expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('refuses an unknown client id with 422 APP_NOT_FOUND naming it', async () => {
      const res = await request(t.server)
        .post(CREDENTIALS)
        .set(bearer(dev.token))
        .send(credentialBody({ allowedApps: { type: 'specific', clientIds: [acmeApp.clients.production!.clientId, 'no-such-client'] } }))
        .expect(422);
      expect(res.body).toMatchObject({
        code: 'APP_NOT_FOUND',
        errors: [{ field: 'allowedApps.clientIds', message: expect.stringContaining('no-such-client') }],
      });
      expect(res.body.detail).toContain('no-such-client');
    });

    it('stores labels literally, markup and all', async () => {
      const label = '<img src=x onerror=alert(1)> & "quotes" — ünïcødé 🔑';
      const { credential } = await create(dev.token, { label });
      expect(credential.label).toBe(label);
      const res = await request(t.server).get(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).expect(200);
      expect(res.body.label).toBe(label);
    });

    it('never changes the environment: it is an unknown field of PATCH', async () => {
      const { credential } = await create(dev.token);
      const res = await request(t.server)
        .patch(`${CREDENTIALS}/${credential.id}`)
        .set(bearer(dev.token))
        .send({ environment: 'sandbox' })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'environment', message: 'environment is not a known field' }]);
    });
  });

  describe('changes and their invariants', () => {
    it('changes label, expiry and allowed apps in one PATCH; a GET right after sees it', async () => {
      const { credential } = await create(dev.token, { expiresAt: daysFromNow(60) });
      const expiresAt = daysFromNow(10);
      const res = await request(t.server)
        .patch(`${CREDENTIALS}/${credential.id}`)
        .set(bearer(dev.token))
        .send({ label: 'Renamed', expiresAt, allowedApps: { type: 'specific', clientIds: [acmeApp.clients.production!.clientId] } })
        .expect(200);
      expect(res.body).toMatchObject({ label: 'Renamed', expiresAt, allowedApps: { type: 'specific' }, revision: 3 });
      const got = await request(t.server).get(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).expect(200);
      expect(got.body).toEqual(res.body);
      expect(await allowlistEntry(t, credential.id)).toMatchObject({ expiresAt: seconds(expiresAt), policy: 'specific' });
      expect((await historyOf(t, dev.token, credential.id)).map((e) => e.type)).toEqual([
        'CredentialCreated',
        'CredentialLabelChanged',
        'CredentialExpiryChanged',
        'CredentialAllowedAppsSet',
      ]);
    });

    it('refuses to push the expiry past the JWT’s exp', async () => {
      const { credential } = await create(dev.token, { expiresAt: daysFromNow(5) });
      for (const expiresAt of [daysFromNow(6), null]) {
        const res = await request(t.server).patch(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).send({ expiresAt }).expect(422);
        expect(res.body).toMatchObject({ code: 'EXPIRY_EXTENSION_NOT_ALLOWED', errors: [{ field: 'expiresAt' }] });
      }
    });

    it('never empties a specific list, and has no list to shrink on the organization policy', async () => {
      const only = acmeApp.clients.production!.clientId;
      const specific = (await create(dev.token, { allowedApps: { type: 'specific', clientIds: [only] } })).credential;
      const last = await request(t.server).delete(`${CREDENTIALS}/${specific.id}/allowed-apps/${only}`).set(bearer(dev.token)).expect(409);
      expect(last.body.code).toBe('LAST_ALLOWED_APP');
      const absent = await request(t.server).delete(`${CREDENTIALS}/${specific.id}/allowed-apps/not-in-list`).set(bearer(dev.token)).expect(404);
      expect(absent.body.code).toBe('ALLOWED_APP_NOT_FOUND');
      const emptied = await request(t.server)
        .patch(`${CREDENTIALS}/${specific.id}`)
        .set(bearer(dev.token))
        .send({ allowedApps: { type: 'specific', clientIds: [] } })
        .expect(400);
      expect(emptied.body.errors).toEqual([expect.objectContaining({ field: 'allowedApps.clientIds' })]);

      const organization = (await create(dev.token)).credential;
      const noList = await request(t.server).delete(`${CREDENTIALS}/${organization.id}/allowed-apps/${only}`).set(bearer(dev.token)).expect(409);
      expect(noList.body.code).toBe('ALLOWED_APPS_NOT_SPECIFIC');
      // Allowing one app restricts an organization credential to it.
      const allowed = await request(t.server)
        .post(`${CREDENTIALS}/${organization.id}/allowed-apps`)
        .set(bearer(dev.token))
        .send({ clientId: only })
        .expect(200);
      expect(allowed.body.allowedApps).toEqual({
        type: 'specific',
        apps: [{ clientId: only, appName: 'Acme Internal', organizationName: 'Acme', status: 'active' }],
      });
      const unknown = await request(t.server)
        .post(`${CREDENTIALS}/${organization.id}/allowed-apps`)
        .set(bearer(dev.token))
        .send({ clientId: 'nope' })
        .expect(422);
      expect(unknown.body.code).toBe('APP_NOT_FOUND');
      const sandboxClient = await request(t.server)
        .post(`${CREDENTIALS}/${organization.id}/allowed-apps`)
        .set(bearer(dev.token))
        .send({ clientId: acmeApp.clients.sandbox!.clientId })
        .expect(422);
      expect(sandboxClient.body.code).toBe('APP_NOT_FOUND');
    });

    it('changes nothing on a revoked credential (409 CREDENTIAL_NOT_ACTIVE), but deletes it', async () => {
      const { credential } = await create(dev.token, { allowedApps: { type: 'specific', clientIds: [acmeApp.clients.production!.clientId] } });
      await request(t.server).post(`${CREDENTIALS}/${credential.id}/revoke`).set(bearer(dev.token)).send({}).expect(200);
      const attempts = [
        request(t.server).patch(`${CREDENTIALS}/${credential.id}`).send({ label: 'again' }),
        request(t.server).post(`${CREDENTIALS}/${credential.id}/allowed-apps`).send({ clientId: globexApp.clients.production!.clientId }),
        request(t.server).post(`${CREDENTIALS}/${credential.id}/revoke`).send({ reason: 'twice' }),
      ];
      for (const attempt of attempts) {
        const res = await attempt.set(bearer(dev.token));
        expect([res.status, res.body.code]).toEqual([409, 'CREDENTIAL_NOT_ACTIVE']);
      }
      await request(t.server).delete(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).expect(204);
    });

    it('computes the expired status; an expired credential no longer changes but can be deleted', async () => {
      // Sooner than the session ends: the one clock moves the session's expiry too.
      const expiresAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 120_000).toISOString();
      const { credential } = await create(dev.token, { expiresAt });
      const clock = t.app.get(Clock);
      const spy = jest.spyOn(clock, 'nowMs').mockReturnValue(Date.parse(expiresAt) + 1000);
      try {
        const got = await request(t.server).get(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).expect(200);
        expect(got.body.status).toBe('expired');
        const patch = await request(t.server).patch(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).send({ label: 'late' }).expect(409);
        expect(patch.body.code).toBe('CREDENTIAL_NOT_ACTIVE');
        const revoke = await request(t.server).post(`${CREDENTIALS}/${credential.id}/revoke`).set(bearer(dev.token)).send({}).expect(409);
        expect(revoke.body.code).toBe('CREDENTIAL_NOT_ACTIVE');
        await request(t.server).delete(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).expect(204);
      } finally {
        spy.mockRestore();
      }
    });

    it('deletes: 204, refused by the allowlist, gone from lists and GET, history kept for owner and admin', async () => {
      const { credential } = await create(dev.token, { label: 'To delete' });
      await request(t.server).delete(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).expect(204);
      expect((await allowlistEntry(t, credential.id))?.status).toBe('deleted');
      const got = await request(t.server).get(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).expect(404);
      expect(got.body.code).toBe('CREDENTIAL_NOT_FOUND');
      const list = await request(t.server).get(`${CREDENTIALS}?limit=500`).set(bearer(dev.token)).expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(credential.id);
      const adminList = await request(t.server)
        .get(`/console/v1/organization/members/${dev.userId}/credentials?limit=500`)
        .set(bearer(admin.token))
        .expect(200);
      expect(adminList.body.items.map((c: { id: string }) => c.id)).not.toContain(credential.id);
      await request(t.server).delete(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).expect(404);
      await request(t.server).post(`${CREDENTIALS}/${credential.id}/revoke`).set(bearer(dev.token)).send({}).expect(404);

      for (const token of [dev.token, admin.token]) {
        expect((await historyOf(t, token, credential.id)).map((e) => [e.type, e.actor?.email])).toEqual([
          ['CredentialCreated', dev.email],
          ['CredentialDeleted', dev.email],
        ]);
      }
      await request(t.server).get(`${CREDENTIALS}/${credential.id}/history`).set(bearer(colleague.token)).expect(404);
    });
  });

  describe('optimistic concurrency', () => {
    it('answers ETag, honours If-Match ("n" or n), and refuses a stale revision with 412', async () => {
      const { credential } = await create(dev.token);
      const got = await request(t.server).get(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).expect(200);
      expect(got.headers.etag).toBe('"0"');

      const first = await request(t.server)
        .patch(`${CREDENTIALS}/${credential.id}`)
        .set(bearer(dev.token))
        .set('if-match', '"0"')
        .send({ label: 'First' })
        .expect(200);
      expect(first.headers.etag).toBe('"1"');
      const stale = await request(t.server)
        .patch(`${CREDENTIALS}/${credential.id}`)
        .set(bearer(dev.token))
        .set('if-match', '"0"')
        .send({ label: 'Lost update' })
        .expect(412);
      expect(stale.body).toMatchObject({ status: 412, code: 'REVISION_MISMATCH' });
      await request(t.server)
        .patch(`${CREDENTIALS}/${credential.id}`)
        .set(bearer(dev.token))
        .set('if-match', '1')
        .send({ label: 'Second' })
        .expect(200);
      const malformed = await request(t.server)
        .patch(`${CREDENTIALS}/${credential.id}`)
        .set(bearer(dev.token))
        .set('if-match', 'W/"2"')
        .send({ label: 'x' })
        .expect(400);
      expect(malformed.body.code).toBe('INVALID_IF_MATCH');

      const staleRevoke = await request(t.server)
        .post(`${CREDENTIALS}/${credential.id}/revoke`)
        .set(bearer(dev.token))
        .set('if-match', '"1"')
        .send({})
        .expect(412);
      expect(staleRevoke.body.code).toBe('REVISION_MISMATCH');
      await request(t.server).delete(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).set('if-match', '"0"').expect(412);
      const now = await request(t.server).get(`${CREDENTIALS}/${credential.id}`).set(bearer(dev.token)).expect(200);
      expect(now.body).toMatchObject({ label: 'Second', status: 'active', revision: 2 });
      await request(t.server).post(`${CREDENTIALS}/${credential.id}/revoke`).set(bearer(dev.token)).set('if-match', '"2"').send({}).expect(200);
    });
  });

  describe('usage', () => {
    it('records uses: lastUsedAt and a CredentialUsed entry with no actor, without moving the revision; revoked credentials record nothing', async () => {
      const client = acmeApp.clients.production!.clientId;
      const used = (await create(dev.token)).credential;
      const revoked = (await create(dev.token)).credential;
      await request(t.server).post(`${CREDENTIALS}/${revoked.id}/revoke`).set(bearer(dev.token)).send({}).expect(200);
      const lastUsedAt = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
      await recordUsage(t, [
        { credentialId: used.id, clientId: client, lastUsedAt, count: 3 },
        { credentialId: revoked.id, clientId: client, lastUsedAt, count: 1 },
        { credentialId: '5b0c9a52-5a37-4a51-9c8c-6a7e0e3c2f10', clientId: client, lastUsedAt, count: 1 },
      ]);
      const got = await request(t.server).get(`${CREDENTIALS}/${used.id}`).set(bearer(dev.token)).expect(200);
      expect(got.body).toMatchObject({ lastUsedAt, revision: 0 });
      expect(got.headers.etag).toBe('"0"');
      expect((await historyOf(t, dev.token, used.id)).at(-1)).toMatchObject({
        type: 'CredentialUsed',
        actor: null,
        data: { credentialId: used.id, clientId: client, lastUsedAt, count: 3 },
      });
      expect((await historyOf(t, dev.token, revoked.id)).map((e) => e.type)).toEqual(['CredentialCreated', 'CredentialRevoked']);
    });
  });

  describe('audit log and lists', () => {
    it('gives developer admins the organization’s audit log, newest first, filtered, never another organization’s', async () => {
      const res = await request(t.server).get('/console/v1/audit?limit=500').set(bearer(admin.token)).expect(200);
      const positions = res.body.items.map((e: { position: number }) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => b - a));
      expect(res.body.items.length).toBeGreaterThan(10);
      const emails = new Set(res.body.items.map((e: { actor: { email: string } | null }) => e.actor?.email ?? null));
      expect(emails.has(globex.email)).toBe(false);

      const revocations = await request(t.server)
        .get('/console/v1/audit')
        .query({ type: 'CredentialRevoked', actorId: admin.userId })
        .set(bearer(admin.token))
        .expect(200);
      expect(revocations.body.items.length).toBeGreaterThanOrEqual(3);
      for (const e of revocations.body.items)
        expect(e).toMatchObject({ type: 'credential.revoked', eventType: 'CredentialRevoked', actor: { userId: admin.userId, email: admin.email } });

      const { credential } = await create(dev.token, { label: 'Audited' });
      const one = await request(t.server).get('/console/v1/audit').query({ credentialId: credential.id }).set(bearer(admin.token)).expect(200);
      expect(one.body.items).toEqual([
        expect.objectContaining({ type: 'credential.created', eventType: 'CredentialCreated', actor: { userId: dev.userId, email: dev.email } }),
      ]);
      const future = await request(t.server)
        .get('/console/v1/audit')
        .query({ since: daysFromNow(2) })
        .set(bearer(admin.token))
        .expect(200);
      expect(future.body).toEqual({ items: [], nextCursor: null });

      const paged = await request(t.server).get('/console/v1/audit?limit=2').set(bearer(admin.token)).expect(200);
      const next = await request(t.server)
        .get('/console/v1/audit')
        .query({ limit: 2, cursor: paged.body.nextCursor })
        .set(bearer(admin.token))
        .expect(200);
      expect(next.body.items[0].position).toBeLessThan(paged.body.items[1].position);

      for (const query of [{ type: 'Nope' }, { since: 'yesterday' }, { cursor: 'bogus' }, { limit: 0 }]) {
        const bad = await request(t.server).get('/console/v1/audit').query(query).set(bearer(admin.token)).expect(400);
        expect(bad.body.errors).toEqual([expect.objectContaining({ field: Object.keys(query)[0] })]);
      }

      // Another organization's log holds its own entries (its founder joining), none of this one's.
      const theirs = await request(t.server).get('/console/v1/audit?limit=500').set(bearer(globex.token)).expect(200);
      expect(theirs.body.items.length).toBeGreaterThan(0);
      const ours = new Set(res.body.items.map((e: { position: number }) => e.position));
      expect(theirs.body.items.filter((e: { position: number }) => ours.has(e.position))).toEqual([]);
      expect(theirs.body.items.filter((e: { target: { kind: string } }) => e.target.kind === 'credential')).toEqual([]);
    });

    it('pages the caller’s own list newest first', async () => {
      const first = await request(t.server).get(`${CREDENTIALS}?limit=2`).set(bearer(dev.token)).expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await request(t.server).get(CREDENTIALS).query({ limit: 2, cursor: first.body.nextCursor }).set(bearer(dev.token)).expect(200);
      expect(Date.parse(second.body.items[0].createdAt)).toBeLessThanOrEqual(Date.parse(first.body.items[1].createdAt));
      expect(second.body.items.map((c: { id: string }) => c.id)).not.toContain(first.body.items[1].id);
      for (const c of [...first.body.items, ...second.body.items]) expect(c.ownerId).toBe(dev.userId);
    });
  });

  it('documents the credential routes in the OpenAPI description', async () => {
    const doc = await request(t.server).get('/docs/openapi.json').expect(200);
    const paths = doc.body.paths;
    for (const path of [
      '/console/v1/credentials',
      '/console/v1/credentials/{id}',
      '/console/v1/credentials/{id}/allowed-apps',
      '/console/v1/credentials/{id}/allowed-apps/{clientId}',
      '/console/v1/credentials/{id}/revoke',
      '/console/v1/credentials/{id}/history',
      '/console/v1/organization/members/{userId}/credentials',
      '/console/v1/audit',
    ]) {
      expect(paths[path]).toBeDefined();
    }
    expect(paths['/console/v1/credentials'].post.tags).toEqual(['Credentials']);
    expect(JSON.stringify(paths['/console/v1/credentials'].post.responses)).toContain('SANDBOX_ACCOUNT_REQUIRED');
    expect(JSON.stringify(paths['/console/v1/credentials/{id}'].patch)).toContain('If-Match');
    expect(JSON.stringify(paths['/console/v1/credentials/{id}'].patch.responses)).toContain('REVISION_MISMATCH');
  });

  it('never stores, logs or shows a JWT after the creation answer', async () => {
    expect(jwts.length).toBeGreaterThan(10);
    const signatures = jwts.map((jwt) => jwt.split('.')[2]);
    const bodies = [
      (await request(t.server).get(`${CREDENTIALS}?limit=500`).set(bearer(dev.token)).expect(200)).text,
      (await request(t.server).get('/console/v1/audit?limit=500').set(bearer(admin.token)).expect(200)).text,
    ];
    const logs = t.logs.join('');
    for (const signature of signatures) {
      for (const body of bodies) expect(body).not.toContain(signature);
      expect(logs).not.toContain(signature);
    }
    const files = readdirSync(t.config.dataDir).filter((f) => !f.startsWith('keys'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const content = readFileSync(join(t.config.dataDir, file)).toString('latin1');
      for (const signature of signatures) expect(content).not.toContain(signature);
    }
  });
});
