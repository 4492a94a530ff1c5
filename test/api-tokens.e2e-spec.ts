import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '@latchkey/identity';
import { newApiTokenForTests } from './support/api-token-strings';
import { bearer, join, type Joined, PASSWORD, type SignedUp, signup } from './support/console';
import { type ConsoleRoute, consoleRoutes } from './support/console-routes';
import { startTestApp, type TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
const TOKEN_SHAPE = /^lkc_[0-9A-Za-z]{38}$/;

/**
 * Console API tokens (API.md, "Console API tokens" and its rules in "Version 2"): created with a
 * session and a fresh proof of identity, used as `Bearer lkc_…` within their scopes and their
 * owner's current role, refused offline when malformed, dead once revoked, expired or their owner
 * removed, audited.
 */
describe('console API tokens', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  let admin: SignedUp;
  let dev: Joined;
  let other: SignedUp;
  /** The data directory of the first instance, when a test restarts the application on it. */
  let firstDir: string | null = null;

  const create = (session: string, body: Record<string, unknown>) =>
    request(t.server)
      .post('/console/v1/me/api-tokens')
      .set(bearer(session))
      .send({ name: 'pipeline', expiresAt: inDays(90), password: PASSWORD, ...body });
  const mint = async (
    session: string,
    scopes: readonly ApiTokenScope[],
    extra: Record<string, unknown> = {},
  ): Promise<{ id: string; token: string }> => {
    const res = await create(session, { scopes, ...extra });
    if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const as = (token: string) => bearer(token);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signup(t, { organizationName: 'Tokens Inc' });
    dev = await join(t, admin, 'developer');
    other = await signup(t, { organizationName: 'Elsewhere Ltd' });
  });
  afterAll(async () => {
    await t?.close();
    if (firstDir) rmSync(firstDir, { recursive: true, force: true });
  });

  describe('creation', () => {
    it('answers 201 with the token once, in the lkc_ format, and the list never shows it', async () => {
      const res = await create(dev.token, { scopes: ['credentials:read'], name: 'inventory' }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name: 'inventory',
        scopes: ['credentials:read'],
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        lastUsedAt: null,
        status: 'active',
        token: expect.stringMatching(TOKEN_SHAPE),
      });
      const list = await request(t.server).get('/console/v1/me/api-tokens').set(bearer(dev.token)).expect(200);
      expect(list.body.items).toContainEqual(expect.objectContaining({ id: res.body.id, name: 'inventory', scopes: ['credentials:read'] }));
      expect(JSON.stringify(list.body)).not.toContain(res.body.token);
      expect(t.logs.join('')).not.toContain(res.body.token);
    });

    it('needs a fresh proof: no password or a wrong one is 422 INVALID_CURRENT_PASSWORD', async () => {
      const missing = await create(dev.token, { scopes: ['credentials:read'], password: undefined }).expect(422);
      expect(missing.body.code).toBe('INVALID_CURRENT_PASSWORD');
      const wrong = await create(dev.token, { scopes: ['credentials:read'], password: 'not the password 1' }).expect(422);
      expect(wrong.body.code).toBe('INVALID_CURRENT_PASSWORD');
      expect(JSON.stringify(wrong.body)).not.toContain('not the password 1');
    });

    it('refuses a scope above the owner’s role: 422 INVALID_SCOPE', async () => {
      for (const scope of ['organization:admin', 'audit:read']) {
        const res = await create(dev.token, { scopes: ['credentials:read', scope] }).expect(422);
        expect(res.body.code).toBe('INVALID_SCOPE');
      }
      await create(admin.token, { scopes: [...API_TOKEN_SCOPES] }).expect(201);
    });

    it('refuses a lifetime over 366 days, an expiry in the past, unknown scopes and unknown fields: 400', async () => {
      for (const body of [
        { scopes: ['credentials:read'], expiresAt: inDays(367) },
        { scopes: ['credentials:read'], expiresAt: inDays(-1) },
        { scopes: ['credentials:read'], expiresAt: 'soon' },
        { scopes: ['everything'] },
        { scopes: [] },
        { scopes: ['credentials:read'], extra: 1 },
      ]) {
        expect((await create(dev.token, body)).status).toBe(400);
      }
    });

    it('an API token cannot create, list or revoke API tokens, nor sign out: 403 SESSION_REQUIRED', async () => {
      const { id, token } = await mint(admin.token, [...API_TOKEN_SCOPES]);
      const calls = [
        request(t.server)
          .post('/console/v1/me/api-tokens')
          .set(as(token))
          .send({ name: 'x', scopes: ['apps:read'], expiresAt: inDays(1), password: PASSWORD }),
        request(t.server).get('/console/v1/me/api-tokens').set(as(token)),
        request(t.server).delete(`/console/v1/me/api-tokens/${id}`).set(as(token)),
        request(t.server).post(`/console/v1/organization/members/${dev.userId}/api-tokens`).set(as(token)).send({}),
        request(t.server).delete('/console/v1/sessions/current').set(as(token)),
      ];
      for (const res of await Promise.all(calls)) {
        expect([res.status, res.body.code]).toEqual([403, 'SESSION_REQUIRED']);
      }
      await request(t.server).get('/console/v1/me').set(as(token)).expect(200);
    });

    it('a token for a person through the admin route is 422 SERVICE_USER_REQUIRED; for another organization’s user 404', async () => {
      const body = { name: 'svc', scopes: ['credentials:read'], expiresAt: inDays(30), password: PASSWORD };
      const person = await request(t.server).post(`/console/v1/organization/members/${dev.userId}/api-tokens`).set(bearer(admin.token)).send(body);
      expect([person.status, person.body.code]).toEqual([422, 'SERVICE_USER_REQUIRED']);
      const foreign = await request(t.server).post(`/console/v1/organization/members/${other.userId}/api-tokens`).set(bearer(admin.token)).send(body);
      expect([foreign.status, foreign.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
    });
  });

  describe('401 for tokens that do not work', () => {
    let good: string;
    beforeAll(async () => {
      good = (await mint(dev.token, ['credentials:read'])).token;
    });
    const status = async (token: string) => {
      const res = await request(t.server).get('/console/v1/credentials').set(as(token));
      return [res.status, res.body.code, res.headers['www-authenticate']];
    };
    const unauthenticated = [401, 'UNAUTHENTICATED', 'Bearer realm="console", error="invalid_token"'];

    it('works as issued', async () => {
      await request(t.server).get('/console/v1/credentials').set(as(good)).expect(200);
    });

    it('malformed, bad checksum and unknown tokens', async () => {
      const badChecksum = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0');
      const changedRandom = good.slice(0, 8) + (good[8] === 'A' ? 'B' : 'A') + good.slice(9);
      expect(await status('lkc_')).toEqual(unauthenticated);
      expect(await status(`${good}x`)).toEqual(unauthenticated);
      expect(await status(badChecksum)).toEqual(unauthenticated);
      expect(await status(changedRandom)).toEqual(unauthenticated);
      expect(await status(newApiTokenForTests())).toEqual(unauthenticated);
    });

    it('a revoked token, from the moment the revocation answers', async () => {
      const { id, token } = await mint(dev.token, ['credentials:read']);
      await request(t.server).get('/console/v1/credentials').set(as(token)).expect(200);
      await request(t.server).delete(`/console/v1/me/api-tokens/${id}`).set(bearer(dev.token)).expect(204);
      expect(await status(token)).toEqual(unauthenticated);
      const list = await request(t.server).get('/console/v1/me/api-tokens').set(bearer(dev.token)).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
      const again = await request(t.server).delete(`/console/v1/me/api-tokens/${id}`).set(bearer(dev.token));
      expect([again.status, again.body.code]).toEqual([404, 'API_TOKEN_NOT_FOUND']);
    });

    it('an expired token', async () => {
      const { token } = await mint(dev.token, ['credentials:read'], { expiresAt: new Date(Date.now() + 3_000).toISOString() });
      await request(t.server).get('/console/v1/credentials').set(as(token)).expect(200);
      const started = Date.now();
      let res = await status(token);
      while (res[0] === 200 && Date.now() - started < 20_000) {
        await new Promise((r) => setTimeout(r, 250));
        res = await status(token);
      }
      console.log(`the token stopped working ${Date.now() - started} ms after the last check that it worked`);
      expect(res).toEqual(unauthenticated);
    });

    it('another user’s token of another member cannot be revoked through /me: 404', async () => {
      const { id } = await mint(admin.token, ['apps:read']);
      const res = await request(t.server).delete(`/console/v1/me/api-tokens/${id}`).set(bearer(dev.token));
      expect([res.status, res.body.code]).toEqual([404, 'API_TOKEN_NOT_FOUND']);
    });
  });

  describe('each scope allows exactly its routes (every console route of the application)', () => {
    const scoped = (routes: ConsoleRoute[]) => routes.filter((r) => !r.public && r.scope !== undefined);
    const call = (route: ConsoleRoute, token: string) => {
      const path = route.path.replace(/:environment/g, 'production').replace(/:(\w+)/g, () => randomUUID());
      const req = request(t.server)[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path).set(as(token));
      return ['POST', 'PUT', 'PATCH'].includes(route.method) ? req.send({}) : req;
    };
    const refusal = (res: request.Response) => (res.status === 401 || res.status === 403 ? `${res.status} ${res.body.code}` : 'admitted');
    let only: Map<ApiTokenScope, string>;
    let allBut: Map<ApiTokenScope, string>;
    let anyScope: string;

    beforeAll(async () => {
      only = new Map();
      allBut = new Map();
      for (const scope of API_TOKEN_SCOPES) {
        only.set(scope, (await mint(admin.token, [scope])).token);
        allBut.set(
          scope,
          (
            await mint(
              admin.token,
              API_TOKEN_SCOPES.filter((s) => s !== scope),
            )
          ).token,
        );
      }
      anyScope = only.get('apps:read')!;
    });

    it('a route is admitted with a token holding only its scope, and 403 INSUFFICIENT_SCOPE with every other scope', async () => {
      const seen: string[] = [];
      for (const route of scoped(consoleRoutes(t))) {
        const scope = route.scope!;
        if (scope === 'none' || scope === 'session-only') continue;
        const admitted = await call(route, only.get(scope)!);
        expect([route.method, route.path, refusal(admitted)]).toEqual([route.method, route.path, 'admitted']);
        const refused = await call(route, allBut.get(scope)!);
        expect([route.method, route.path, refusal(refused)]).toEqual([route.method, route.path, '403 INSUFFICIENT_SCOPE']);
        seen.push(scope);
      }
      expect(new Set(seen)).toEqual(new Set(API_TOKEN_SCOPES));
    });

    it('session-only routes refuse a token with every scope (403 SESSION_REQUIRED); GET /me needs none', async () => {
      const all = (await mint(admin.token, [...API_TOKEN_SCOPES])).token;
      for (const route of scoped(consoleRoutes(t)).filter((r) => r.scope === 'session-only')) {
        expect([route.method, route.path, refusal(await call(route, all))]).toEqual([route.method, route.path, '403 SESSION_REQUIRED']);
      }
      const me = await request(t.server).get('/console/v1/me').set(as(anyScope)).expect(200);
      expect(me.body.id).toBe(admin.userId);
    });
  });

  describe('within the organization and the owner’s role', () => {
    it('a valid token on another organization’s credential is 404, as a session would be', async () => {
      const credential = await request(t.server)
        .post('/console/v1/credentials')
        .set(bearer(admin.token))
        .send({ label: 'ours', environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } })
        .expect(201);
      const foreign = await mint(other.token, [...API_TOKEN_SCOPES]);
      const res = await request(t.server).get(`/console/v1/credentials/${credential.body.credential.id}`).set(as(foreign.token));
      expect([res.status, res.body.code]).toEqual([404, 'CREDENTIAL_NOT_FOUND']);
      const revoke = await request(t.server).post(`/console/v1/credentials/${credential.body.credential.id}/revoke`).set(as(foreign.token)).send({});
      expect(revoke.status).toBe(404);
      const session = await request(t.server).get(`/console/v1/credentials/${credential.body.credential.id}`).set(bearer(other.token));
      expect(session.status).toBe(404);
    });

    it('a token acts as its owner: a developer’s token creates credentials owned by them', async () => {
      const { token } = await mint(dev.token, ['credentials:write', 'credentials:read']);
      const created = await request(t.server)
        .post('/console/v1/credentials')
        .set(as(token))
        .send({ label: 'from a pipeline', environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } })
        .expect(201);
      expect(created.body.credential.ownerId).toBe(dev.userId);
    });

    it('a demotion narrows the token to the new role at once, a promotion restores it', async () => {
      const second = await join(t, admin, 'developer_admin');
      const { token } = await mint(second.token, ['organization:admin', 'audit:read', 'members:read', 'credentials:read']);
      await request(t.server).get('/console/v1/audit').set(as(token)).expect(200);
      await request(t.server).get('/console/v1/organization/api-tokens').set(as(token)).expect(200);
      await request(t.server)
        .patch(`/console/v1/organization/members/${second.userId}`)
        .set(bearer(admin.token))
        .send({ role: 'developer' })
        .expect(200);
      for (const path of ['/console/v1/audit', '/console/v1/organization/api-tokens', '/console/v1/organization/invitations']) {
        const res = await request(t.server).get(path).set(as(token));
        expect([path, res.status]).toEqual([path, 403]);
      }
      await request(t.server).get('/console/v1/organization/members').set(as(token)).expect(200);
      await request(t.server)
        .patch(`/console/v1/organization/members/${second.userId}`)
        .set(bearer(admin.token))
        .send({ role: 'developer_admin' })
        .expect(200);
      await request(t.server).get('/console/v1/audit').set(as(token)).expect(200);
    });

    it('the owner’s removal kills their tokens from the moment it answers', async () => {
      const leaving = await join(t, admin, 'developer');
      const { token } = await mint(leaving.token, ['credentials:read']);
      await request(t.server).get('/console/v1/me').set(as(token)).expect(200);
      await request(t.server).delete(`/console/v1/organization/members/${leaving.userId}`).set(bearer(admin.token)).expect(204);
      for (const path of ['/console/v1/me', '/console/v1/credentials']) {
        const res = await request(t.server).get(path).set(as(token));
        expect([path, res.status, res.body.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
      }
    });

    it('admins list every token of their organization with its owner, and revoke one; never another organization’s', async () => {
      const { id, token } = await mint(dev.token, ['apps:read'], { name: 'listed' });
      const list = await request(t.server).get('/console/v1/organization/api-tokens').set(bearer(admin.token)).expect(200);
      expect(list.body.items).toContainEqual(expect.objectContaining({ id, name: 'listed', owner: { userId: dev.userId, email: dev.email } }));
      expect(JSON.stringify(list.body)).not.toContain(token);
      const foreignList = await request(t.server).get('/console/v1/organization/api-tokens').set(bearer(other.token)).expect(200);
      expect(foreignList.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
      const foreignRevoke = await request(t.server).delete(`/console/v1/organization/api-tokens/${id}`).set(bearer(other.token));
      expect([foreignRevoke.status, foreignRevoke.body.code]).toEqual([404, 'API_TOKEN_NOT_FOUND']);
      await request(t.server).get('/console/v1/apps').set(as(token)).expect(200);
      const byDev = await request(t.server).get('/console/v1/organization/api-tokens').set(bearer(dev.token));
      expect([byDev.status, byDev.body.code]).toEqual([403, 'DEVELOPER_ADMIN_REQUIRED']);
      await request(t.server).delete(`/console/v1/organization/api-tokens/${id}`).set(bearer(admin.token)).expect(204);
      expect((await request(t.server).get('/console/v1/apps').set(as(token))).status).toBe(401);
    });
  });

  describe('use and audit', () => {
    it('records lastUsedAt (batched) and audits creation, first use of the day, refusal and revocation', async () => {
      const { id, token } = await mint(admin.token, ['credentials:read'], { name: 'audited' });
      for (let i = 0; i < 3; i++) await request(t.server).get('/console/v1/credentials').set(as(token)).expect(200);
      await request(t.server).get('/console/v1/apps').set(as(token)).expect(403);
      const started = Date.now();
      let lastUsedAt: string | null = null;
      while (lastUsedAt === null && Date.now() - started < 30_000) {
        await new Promise((r) => setTimeout(r, 250));
        const list = await request(t.server).get('/console/v1/me/api-tokens').set(bearer(admin.token)).expect(200);
        lastUsedAt = list.body.items.find((i: { id: string }) => i.id === id)?.lastUsedAt ?? null;
      }
      console.log(`lastUsedAt appeared ${Date.now() - started} ms after the uses`);
      expect(Date.parse(lastUsedAt!)).toBeGreaterThanOrEqual(started - 60_000);
      await request(t.server).delete(`/console/v1/me/api-tokens/${id}`).set(bearer(admin.token)).expect(204);
      // Refusals are written per window (a minute) and at shutdown: restart on the same data to read them.
      firstDir = t.config.dataDir;
      await t.app.close();
      t = await startTestApp({ DATA_DIR: firstDir });
      const audit = await request(t.server).get('/console/v1/audit?limit=500').set(bearer(admin.token));
      expect(audit.status).toBe(200);
      const entries = (
        audit.body.items as { type: string; target: { id: string }; actor: { userId: string } | null; data: Record<string, unknown> }[]
      ).filter((e) => e.target.id === id);
      expect(entries.map((e) => e.type).sort()).toEqual(['api_token.created', 'api_token.refused', 'api_token.revoked', 'api_token.used']);
      expect(entries.find((e) => e.type === 'api_token.refused')!.data).toEqual(expect.objectContaining({ reason: 'insufficient_scope', count: 1 }));
      expect(entries.every((e) => e.actor?.userId === admin.userId)).toBe(true);
      expect(JSON.stringify(audit.body)).not.toContain(token);
    });
  });
});
