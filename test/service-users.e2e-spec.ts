import request from 'supertest';
import { eventually } from '@latchkey/event-store/testing';
import { bearer, join, type Joined, PASSWORD, type SignedUp, signup, uniqueEmail } from './support/console';
import { createOAuthApp, exchange, type OAuthApp } from './support/oauth-journey';
import { credentialBody } from './support/credentials-journey';
import { startTestApp, type TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
const SERVICE_USERS = '/console/v1/organization/service-users';
const member = (userId: string, path = '') => `/console/v1/organization/members/${userId}${path}`;

interface ServiceUser {
  userId: string;
  kind: string;
  email: string;
  name: string;
  role: string;
  permissions: string[];
  status: string;
}

/**
 * Service users and the offboarding view (API.md, "Service users and offboarding", "Console API
 * tokens"): members of kind `service` with no password and no sign-in, whose credentials and API
 * tokens developer admins create and which outlive any person; and what stops working when a member
 * is removed.
 */
describe('service users and the offboarding view', () => {
  jest.setTimeout(180_000);
  let t: TestApp;
  let admin: SignedUp;
  let dev: Joined;
  let other: SignedUp;
  let app: OAuthApp;

  const createServiceUser = async (token: string, body: Record<string, unknown> = {}): Promise<ServiceUser> => {
    const res = await request(t.server)
      .post(SERVICE_USERS)
      .set(bearer(token))
      .send({ name: 'Billing sync', role: 'developer', permissions: ['ReadAccounts'], ...body });
    if (res.status !== 201) throw new Error(`service user creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const createCredentialFor = (token: string, userId: string, overrides: Record<string, unknown> = {}) =>
    request(t.server).post(member(userId, '/credentials')).set(bearer(token)).send(credentialBody(overrides));
  const mintToken = async (token: string, ownerId: string, scopes: string[]): Promise<{ id: string; token: string }> => {
    const res = await request(t.server)
      .post(member(ownerId, '/api-tokens'))
      .set(bearer(token))
      .send({ name: 'svc pipeline', scopes, expiresAt: inDays(30), password: PASSWORD });
    if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const offboarding = (token: string, userId: string) => request(t.server).get(member(userId, '/offboarding')).set(bearer(token));

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signup(t, { organizationName: 'Service Co' });
    dev = await join(t, admin, 'developer');
    other = await signup(t, { organizationName: 'Elsewhere Ltd' });
    app = await createOAuthApp(t, admin.token, { name: 'Billing app', scopes: ['ReadAccounts'] });
  });
  afterAll(() => t?.close());

  describe('POST /console/v1/organization/service-users', () => {
    it('answers 201 with a member of kind "service" under an internal address; the members list shows it, and people as "person"', async () => {
      const svc = await createServiceUser(admin.token, { name: 'Nightly export', permissions: ['ReadExtensions', 'ReadAccounts'] });
      expect(svc).toEqual({
        userId: expect.any(String),
        kind: 'service',
        email: `${svc.userId}@service-users.invalid`,
        name: 'Nightly export',
        role: 'developer',
        permissions: ['ReadAccounts', 'ReadExtensions'],
        status: 'active',
      });
      const list = await request(t.server).get('/console/v1/organization/members').set(bearer(dev.token)).expect(200);
      const kinds = Object.fromEntries(list.body.items.map((m: ServiceUser) => [m.userId, m.kind]));
      expect(kinds).toEqual({ [admin.userId]: 'person', [dev.userId]: 'person', [svc.userId]: 'service' });
      const me = await request(t.server).get('/console/v1/me').set(bearer(dev.token)).expect(200);
      expect(me.body.kind).toBe('person');
    });

    it('defaults the permissions to the role’s; a developer_admin service user is allowed', async () => {
      const svc = await createServiceUser(admin.token, { role: 'developer_admin', permissions: undefined });
      expect([svc.role, svc.permissions]).toEqual(['developer_admin', ['ReadAccounts', 'EditAccounts', 'ReadExtensions', 'EditExtensions']]);
    });

    it('refuses the role `user`, a blank name, unknown permissions and unknown fields: 400', async () => {
      for (const body of [
        { name: 'x', role: 'user', permissions: [] },
        { name: '  ', role: 'developer', permissions: [] },
        { name: 'x', role: 'developer', permissions: ['Everything'] },
        { name: 'x', role: 'developer', permissions: [], password: 'nope' },
        { role: 'developer', permissions: [] },
      ]) {
        const res = await request(t.server).post(SERVICE_USERS).set(bearer(admin.token)).send(body);
        expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
    });

    it('is for developer admins only: 403 for a developer', async () => {
      const res = await request(t.server).post(SERVICE_USERS).set(bearer(dev.token)).send({ name: 'x', role: 'developer', permissions: [] });
      expect([res.status, res.body.code]).toEqual([403, 'DEVELOPER_ADMIN_REQUIRED']);
    });

    it('is in the audit log as member.service_user_created, by the admin, labelled with its name', async () => {
      const svc = await createServiceUser(admin.token, { name: 'Audited robot' });
      const res = await request(t.server)
        .get('/console/v1/audit')
        .query({ type: 'member.service_user_created', limit: '500' })
        .set(bearer(admin.token));
      expect(res.status).toBe(200);
      const entry = res.body.items.find((e: { target: { id: string } }) => e.target.id === svc.userId);
      expect(entry).toMatchObject({
        type: 'member.service_user_created',
        actor: { userId: admin.userId, email: admin.email },
        target: { kind: 'member', id: svc.userId, label: 'Audited robot' },
        data: { kind: 'service', role: 'developer' },
      });
    });
  });

  describe('no sign-in', () => {
    it('a sign-in with its address and any password is the same 401 INVALID_LOGIN as an unknown address', async () => {
      const svc = await createServiceUser(admin.token);
      const attempt = async (email: string, password: string) => {
        const res = await request(t.server).post('/console/v1/sessions').send({ email, password });
        return [res.status, res.body.code, res.body.detail, res.headers['set-cookie'] ?? null];
      };
      const unknown = await attempt(uniqueEmail('nobody'), PASSWORD);
      expect(unknown).toEqual([401, 'INVALID_LOGIN', expect.any(String), null]);
      for (const password of [PASSWORD, 'x'.repeat(20), ' ']) expect(await attempt(svc.email, password)).toEqual(unknown);
    });

    it('has no password to reset and no MFA to clear: 404', async () => {
      const svc = await createServiceUser(admin.token);
      const reset = await request(t.server).post(member(svc.userId, '/password-reset')).set(bearer(admin.token));
      expect([reset.status, reset.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
      const mfa = await request(t.server).delete(member(svc.userId, '/mfa')).set(bearer(admin.token));
      expect([mfa.status, mfa.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
    });

    it('no one can register a person under the service users’ domain', async () => {
      const res = await request(t.server)
        .post('/console/v1/signup')
        .send({ email: 'robot@service-users.invalid', password: PASSWORD, name: 'Robot', organizationName: 'Spoof' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual({ field: 'email', message: 'This domain is reserved for service users' });
    });
  });

  describe('environment accounts and API tokens', () => {
    it('has a production user id; an admin gives it a sandbox one, once; people and other organizations’ users are refused', async () => {
      const svc = await createServiceUser(admin.token);
      const { token } = await mintToken(admin.token, svc.userId, ['credentials:read']);
      const me = await request(t.server).get('/console/v1/me').set(bearer(token)).expect(200);
      expect(me.body).toMatchObject({
        id: svc.userId,
        kind: 'service',
        role: 'developer',
        accounts: { production: { userId: expect.stringMatching(/^\d{15}$/) }, sandbox: null },
      });

      const created = await request(t.server).post(member(svc.userId, '/sandbox-account')).set(bearer(admin.token)).expect(201);
      expect(created.body).toEqual({ environment: 'sandbox', userId: expect.stringMatching(/^\d{15}$/) });
      expect(created.body.userId).not.toBe(me.body.accounts.production.userId);
      const after = await request(t.server).get('/console/v1/me').set(bearer(token)).expect(200);
      expect(after.body.accounts.sandbox).toEqual({ userId: created.body.userId });

      const again = await request(t.server).post(member(svc.userId, '/sandbox-account')).set(bearer(admin.token));
      expect([again.status, again.body.code]).toEqual([409, 'SANDBOX_ACCOUNT_EXISTS']);
      const person = await request(t.server).post(member(dev.userId, '/sandbox-account')).set(bearer(admin.token));
      expect([person.status, person.body.code]).toEqual([422, 'SERVICE_USER_REQUIRED']);
      const foreign = await request(t.server).post(member(other.userId, '/sandbox-account')).set(bearer(admin.token));
      expect([foreign.status, foreign.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
      const byDeveloper = await request(t.server).post(member(svc.userId, '/sandbox-account')).set(bearer(dev.token));
      expect([byDeveloper.status, byDeveloper.body.code]).toEqual([403, 'DEVELOPER_ADMIN_REQUIRED']);
    });

    it('an admin mints API tokens for a service user (within its role), which work as it', async () => {
      const svc = await createServiceUser(admin.token);
      const { token } = await mintToken(admin.token, svc.userId, ['credentials:read', 'credentials:write']);
      const list = await request(t.server).get('/console/v1/credentials').set(bearer(token)).expect(200);
      expect(list.body.items).toEqual([]);
      const tooMuch = await request(t.server)
        .post(member(svc.userId, '/api-tokens'))
        .set(bearer(admin.token))
        .send({ name: 'x', scopes: ['organization:admin'], expiresAt: inDays(1), password: PASSWORD });
      expect([tooMuch.status, tooMuch.body.code]).toEqual([422, 'INVALID_SCOPE']);
    });
  });

  describe('POST /console/v1/organization/members/{userId}/credentials', () => {
    it('answers 201 {credential, jwt}: owned by the service user, signed for its production user id, and accepted at the token endpoint', async () => {
      const svc = await createServiceUser(admin.token);
      const res = await createCredentialFor(admin.token, svc.userId, { label: 'billing sync' }).expect(201);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.credential).toMatchObject({
        label: 'billing sync',
        ownerId: svc.userId,
        ownerEmail: svc.email,
        status: 'active',
        environment: 'production',
      });
      expect(res.body.jwt).toEqual(expect.any(String));
      const { token } = await mintToken(admin.token, svc.userId, ['credentials:read']);
      const me = await request(t.server).get('/console/v1/me').set(bearer(token)).expect(200);
      const payload = JSON.parse(Buffer.from(res.body.jwt.split('.')[1], 'base64url').toString('utf8'));
      expect(payload.sub).toBe(me.body.accounts.production.userId);
      const exchanged = await exchange(t, 'production', app.clients.production!, res.body.jwt);
      expect(exchanged.status).toBe(200);
      const listed = await request(t.server).get('/console/v1/credentials').set(bearer(token)).expect(200);
      expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.credential.id]);
    });

    it('a sandbox credential needs the service user’s sandbox account first', async () => {
      const svc = await createServiceUser(admin.token);
      const before = await createCredentialFor(admin.token, svc.userId, { environment: 'sandbox' });
      expect([before.status, before.body.code]).toEqual([409, 'SANDBOX_ACCOUNT_REQUIRED']);
      await request(t.server).post(member(svc.userId, '/sandbox-account')).set(bearer(admin.token)).expect(201);
      const after = await createCredentialFor(admin.token, svc.userId, { environment: 'sandbox' }).expect(201);
      expect(after.body.credential.environment).toBe('sandbox');
    });

    it('for a person: 422 SERVICE_USER_REQUIRED; another organization’s user: 404; a developer: 403; a bad body: 400', async () => {
      const person = await createCredentialFor(admin.token, dev.userId);
      expect([person.status, person.body.code]).toEqual([422, 'SERVICE_USER_REQUIRED']);
      const self = await createCredentialFor(admin.token, admin.userId);
      expect([self.status, self.body.code]).toEqual([422, 'SERVICE_USER_REQUIRED']);
      const foreign = await createCredentialFor(admin.token, other.userId);
      expect([foreign.status, foreign.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
      const unknown = await createCredentialFor(admin.token, 'not-a-user');
      expect([unknown.status, unknown.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
      const svc = await createServiceUser(admin.token);
      const byDeveloper = await createCredentialFor(dev.token, svc.userId);
      expect([byDeveloper.status, byDeveloper.body.code]).toEqual([403, 'DEVELOPER_ADMIN_REQUIRED']);
      const foreignAdmin = await createCredentialFor(other.token, svc.userId);
      expect([foreignAdmin.status, foreignAdmin.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
      const bad = await createCredentialFor(admin.token, svc.userId, { label: '', extra: true });
      expect(bad.status).toBe(400);
    });
  });

  describe('credentials outlive any person, and the offboarding view says what stops working', () => {
    let second: Joined;
    let svc: ServiceUser;
    let svcCredential: { id: string; jwt: string };
    let ownCredential: { id: string; jwt: string };
    let ownApp: OAuthApp;
    let invitationId: string;
    let ownTokenId: string;
    let mintedTokenId: string;

    beforeAll(async () => {
      second = await join(t, admin, 'developer_admin', { name: 'Sam Second' });
      svc = await createServiceUser(second.token, { name: 'Partner feed' });
      const created = await createCredentialFor(second.token, svc.userId, { label: 'partner feed' }).expect(201);
      svcCredential = { id: created.body.credential.id, jwt: created.body.jwt };
      ownApp = await createOAuthApp(t, second.token, { name: 'Sam’s tool', scopes: ['ReadAccounts'] });
      const own = await request(t.server)
        .post('/console/v1/credentials')
        .set(bearer(second.token))
        .send(credentialBody({ label: 'sam laptop' }))
        .expect(201);
      ownCredential = { id: own.body.credential.id, jwt: own.body.jwt };
      const invitation = await request(t.server)
        .post('/console/v1/organization/invitations')
        .set(bearer(second.token))
        .send({ email: uniqueEmail('invitee'), role: 'developer' })
        .expect(201);
      invitationId = invitation.body.id;
      const ownToken = await request(t.server)
        .post('/console/v1/me/api-tokens')
        .set(bearer(second.token))
        .send({ name: 'sam script', scopes: ['credentials:read'], expiresAt: inDays(30), password: PASSWORD })
        .expect(201);
      ownTokenId = ownToken.body.id;
      mintedTokenId = (await mintToken(second.token, svc.userId, ['credentials:read'])).id;
    });

    it('lists their credentials with the apps that used each, their apps, pending invitations and API tokens (own and minted)', async () => {
      for (const client of [app.clients.production!, ownApp.clients.production!]) {
        expect((await exchange(t, 'production', client, ownCredential.jwt)).status).toBe(200);
      }
      const started = Date.now();
      // Uses are recorded in batches a few seconds after the token requests.
      const view = await eventually(
        async () => {
          const res = await offboarding(admin.token, second.userId).expect(200);
          expect(res.body.credentials.find((c: { id: string }) => c.id === ownCredential.id)?.usedBy).toHaveLength(2);
          return res.body;
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      console.log(`offboarding view showed both apps' uses after ${Date.now() - started} ms`);

      expect(view.credentials).toEqual([
        {
          id: ownCredential.id,
          label: 'sam laptop',
          environment: 'production',
          lastUsedAt: expect.any(String),
          usedBy: expect.arrayContaining([
            { clientId: app.clients.production!.clientId, appName: 'Billing app', lastUsedAt: expect.any(String) },
            { clientId: ownApp.clients.production!.clientId, appName: 'Sam’s tool', lastUsedAt: expect.any(String) },
          ]),
        },
      ]);
      expect(view.apps).toEqual([{ id: ownApp.id, name: 'Sam’s tool', environments: ['production', 'sandbox'], createdAt: expect.any(String) }]);
      expect(view.invitations).toEqual([expect.objectContaining({ id: invitationId, role: 'developer' })]);
      expect(
        view.apiTokens.map((k: { id: string; relation: string; owner: { userId: string; kind: string } }) => [
          k.id,
          k.relation,
          k.owner.userId,
          k.owner.kind,
        ]),
      ).toEqual([
        [ownTokenId, 'owner', second.userId, 'person'],
        [mintedTokenId, 'minted', svc.userId, 'service'],
      ]);
      expect(JSON.stringify(view)).not.toMatch(/lkc_|eyJ/);
    });

    it('a service user’s offboarding lists its credentials; a developer gets 403; another organization’s user or admin 404', async () => {
      const svcView = await offboarding(admin.token, svc.userId).expect(200);
      expect(svcView.body.credentials.map((c: { id: string }) => c.id)).toEqual([svcCredential.id]);
      expect(svcView.body.apiTokens.map((k: { id: string }) => k.id)).toEqual([mintedTokenId]);
      const byDeveloper = await offboarding(dev.token, second.userId);
      expect([byDeveloper.status, byDeveloper.body.code]).toEqual([403, 'DEVELOPER_ADMIN_REQUIRED']);
      const foreign = await offboarding(admin.token, other.userId);
      expect([foreign.status, foreign.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
      const foreignAdmin = await offboarding(other.token, second.userId);
      expect([foreignAdmin.status, foreignAdmin.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
    });

    it('removing the admin who created the service user revokes what was theirs, while the service user’s credential and token keep working', async () => {
      await request(t.server).delete(member(second.userId)).set(bearer(admin.token)).expect(204);

      const own = await request(t.server).get(`/console/v1/credentials/${ownCredential.id}`).set(bearer(admin.token)).expect(200);
      expect([own.body.status, own.body.revocationReason]).toEqual(['revoked', 'member_removed']);
      expect((await exchange(t, 'production', app.clients.production!, ownCredential.jwt)).status).toBe(400);

      const kept = await request(t.server).get(`/console/v1/credentials/${svcCredential.id}`).set(bearer(admin.token)).expect(200);
      expect([kept.body.status, kept.body.ownerId]).toEqual(['active', svc.userId]);
      expect((await exchange(t, 'production', app.clients.production!, svcCredential.jwt)).status).toBe(200);

      const tokens = await request(t.server).get('/console/v1/organization/api-tokens').set(bearer(admin.token)).expect(200);
      const ids = tokens.body.items.map((k: { id: string }) => k.id);
      expect(ids).toContain(mintedTokenId);
      const invitations = await request(t.server).get('/console/v1/organization/invitations').set(bearer(admin.token)).expect(200);
      expect(invitations.body.items.find((i: { id: string }) => i.id === invitationId)?.status).toBe('cancelled');

      const gone = await offboarding(admin.token, second.userId);
      expect([gone.status, gone.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
    });
  });
});
