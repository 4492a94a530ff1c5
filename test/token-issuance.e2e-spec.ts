import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import request from 'supertest';
import { eventually } from '@latchkey/event-store/testing';
import { EnvironmentIssuers, KeyRing, signJwt } from '@latchkey/keys';
import { bearer, join, type SignedUp, signup } from './support/console';
import {
  authPost,
  basic,
  type Client,
  createOAuthApp,
  createSandboxAccount,
  exchange,
  introspect,
  issueCredential,
  JWT_BEARER,
  oauthError,
  type OAuthApp,
  platform,
  refresh,
  revokeToken,
} from './support/oauth-journey';
import { startTestApp, type TestApp } from './support/test-app';

describe('Auth API: token, refresh, revoke, introspect, JWKS, metadata (sqlite store)', () => {
  jest.setTimeout(30_000);
  let t: TestApp;
  let admin: SignedUp;
  let app: OAuthApp;
  let prod: Client;
  let sandbox: Client;
  let jwtOnly: Client;
  let credential: { id: string; jwt: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signup(t, { organizationName: 'Acme' });
    await createSandboxAccount(t, admin.token);
    app = await createOAuthApp(t, admin.token, { name: 'Acme integration' });
    prod = app.clients.production!;
    sandbox = app.clients.sandbox!;
    jwtOnly = (await createOAuthApp(t, admin.token, { name: 'No refresh', grantTypes: ['jwt_bearer'], environments: ['production'] })).clients
      .production!;
    credential = await issueCredential(t, admin.token);
  });
  afterAll(() => t.close());

  describe('the jwt-bearer grant', () => {
    it('exchanges a credential for an access token, as RingCentral answers it', async () => {
      const res = await exchange(t, 'production', prod, credential.jwt, { endpoint_id: 'device-1' }).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.pragma).toBe('no-cache');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(Object.keys(res.body)).toEqual([
        'access_token',
        'token_type',
        'expires_in',
        'refresh_token',
        'refresh_token_expires_in',
        'scope',
        'owner_id',
        'endpoint_id',
      ]);
      const me = await request(t.server).get('/console/v1/me').set(bearer(admin.token)).expect(200);
      expect(res.body).toMatchObject({
        token_type: 'bearer',
        expires_in: 3600,
        refresh_token_expires_in: 604800,
        scope: 'ReadAccounts EditAccounts',
        owner_id: me.body.accounts.production.userId,
        endpoint_id: 'device-1',
      });
    });

    it('accepts client_secret_post, a charset of utf-8, and clamps TTLs', async () => {
      const res = await request(t.server)
        .post('/restapi/oauth/token')
        .set('content-type', 'application/x-www-form-urlencoded; charset=UTF-8')
        .send(
          new URLSearchParams({
            grant_type: JWT_BEARER,
            assertion: credential.jwt,
            client_id: prod.clientId,
            client_secret: prod.clientSecret,
            access_token_ttl: '5',
            refresh_token_ttl: 'forever',
          }).toString(),
        )
        .expect(200);
      expect(res.body.expires_in).toBe(600);
      expect(res.body.refresh_token_expires_in).toBe(604800);
    });

    it('issues no refresh token to an app without the refresh_token grant', async () => {
      const res = await exchange(t, 'production', jwtOnly, credential.jwt).expect(200);
      expect(res.body.refresh_token).toBeUndefined();
      expect(res.body.refresh_token_expires_in).toBeUndefined();
      expect(res.body.scope).toBe('ReadAccounts EditAccounts');
    });

    it('signs access tokens (RFC 9068) that verify with the published JWKS, per environment', async () => {
      const { access_token } = (await exchange(t, 'production', prod, credential.jwt).expect(200)).body;
      const jwks = await request(t.server).get('/restapi/oauth/jwks').expect(200);
      const { payload, protectedHeader } = await jwtVerify(access_token, createLocalJWKSet(jwks.body), {
        algorithms: ['ES256'],
        typ: 'at+jwt',
        issuer: 'http://latchkey.test',
        audience: 'http://latchkey.test/restapi',
      });
      expect(protectedHeader.typ).toBe('at+jwt');
      expect(payload).toMatchObject({ client_id: prod.clientId, scope: 'ReadAccounts EditAccounts', cid: credential.id });
      const sandboxJwks = await request(t.server).get('/sandbox/restapi/oauth/jwks').expect(200);
      await expect(jwtVerify(access_token, createLocalJWKSet(sandboxJwks.body))).rejects.toThrow();
      expect(JSON.stringify(jwks.body)).not.toContain('"d"');
    });
  });

  describe('every row of the token error table', () => {
    it('400 invalid_request OAU-101: missing or repeated parameter, wrong content type', async () => {
      const cases = [
        authPost(t, 'production', 'token', prod, { assertion: credential.jwt }),
        authPost(t, 'production', 'token', prod, { grant_type: JWT_BEARER }),
        request(t.server)
          .post('/restapi/oauth/token')
          .set('authorization', basic(prod))
          .type('form')
          .send(`grant_type=${encodeURIComponent(JWT_BEARER)}&grant_type=${encodeURIComponent(JWT_BEARER)}&assertion=${credential.jwt}`),
        request(t.server)
          .post('/restapi/oauth/token')
          .set('authorization', basic(prod))
          .type('form')
          .send(`grant_type=${encodeURIComponent(JWT_BEARER)}&assertion=${credential.jwt}&assertion=${credential.jwt}`),
        request(t.server).post('/restapi/oauth/token').set('authorization', basic(prod)).send({ grant_type: JWT_BEARER, assertion: credential.jwt }),
        request(t.server)
          .post('/restapi/oauth/token')
          .set('authorization', basic(prod))
          .set('content-type', 'text/plain')
          .send(`grant_type=${JWT_BEARER}`),
        request(t.server)
          .post('/restapi/oauth/token')
          .set('authorization', basic(prod))
          .set('content-type', 'application/x-www-form-urlencoded; charset=iso-8859-1')
          .send('grant_type=x'),
        request(t.server).post('/restapi/oauth/token').set('authorization', basic(prod)).type('form').send('grant_type[]=x&assertion=y'),
        request(t.server).post('/restapi/oauth/token').set('authorization', basic(prod)),
        authPost(t, 'production', 'token', prod, {
          grant_type: JWT_BEARER,
          assertion: credential.jwt,
          client_id: prod.clientId,
          client_secret: prod.clientSecret,
        }),
      ];
      for (const res of await Promise.all(cases)) {
        expect(oauthError(res)).toEqual({ status: 400, error: 'invalid_request', errorCode: 'OAU-101' });
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(Object.keys(res.body)).toEqual(['error', 'error_description', 'errors']);
      }
    });

    it('405 for GET (with Allow: POST), 404 for an unknown endpoint, 413 for a body over 16 KB, all in the OAuth shape', async () => {
      const get = await request(t.server).get('/restapi/oauth/token').expect(405);
      expect(get.headers.allow).toBe('POST');
      expect(oauthError(get)).toEqual({ status: 405, error: 'invalid_request', errorCode: 'OAU-101' });
      const unknown = await request(t.server).post('/sandbox/restapi/oauth/authorize').expect(404);
      expect(oauthError(unknown)).toEqual({ status: 404, error: 'invalid_request', errorCode: 'OAU-101' });
      const big = await request(t.server)
        .post('/restapi/oauth/token')
        .type('form')
        .send(`grant_type=x&pad=${'a'.repeat(17 * 1024)}`);
      expect(oauthError(big)).toEqual({ status: 413, error: 'invalid_request', errorCode: 'OAU-101' });
    });

    it('400 unsupported_grant_type OAU-250', async () => {
      const res = await authPost(t, 'production', 'token', prod, { grant_type: 'password', username: 'a', password: 'b' });
      expect(oauthError(res)).toEqual({ status: 400, error: 'unsupported_grant_type', errorCode: 'OAU-250' });
    });

    it('401 invalid_client OAU-153: bad or missing authentication, unknown client, client of the other environment', async () => {
      const answers = await Promise.all([
        exchange(t, 'production', { clientId: 'no-such-client', clientSecret: 'x' }, credential.jwt),
        exchange(t, 'production', { clientId: prod.clientId, clientSecret: 'wrong' }, credential.jwt),
        exchange(t, 'production', sandbox, credential.jwt),
        exchange(t, 'sandbox', prod, credential.jwt),
      ]);
      for (const res of answers) {
        expect(oauthError(res)).toEqual({ status: 401, error: 'invalid_client', errorCode: 'OAU-153' });
        expect(res.headers['www-authenticate']).toMatch(/^Basic realm="/);
      }
      // unknown client and wrong secret are indistinguishable
      expect(answers[0].body).toEqual(answers[1].body);
      const none = await exchange(t, 'production', null, credential.jwt);
      expect(oauthError(none)).toEqual({ status: 401, error: 'invalid_client', errorCode: 'OAU-153' });
      const posted = await authPost(t, 'production', 'token', null, {
        grant_type: JWT_BEARER,
        assertion: credential.jwt,
        client_id: prod.clientId,
        client_secret: 'wrong',
      });
      expect(oauthError(posted)).toEqual({ status: 401, error: 'invalid_client', errorCode: 'OAU-153' });
      expect(posted.headers['www-authenticate']).toBeUndefined();
    });

    it('400 unauthorized_client OAU-251: the app lacks the grant type', async () => {
      const res = await refresh(t, 'production', jwtOnly, 'lkr1.x.y');
      expect(oauthError(res)).toEqual({ status: 400, error: 'unauthorized_client', errorCode: 'OAU-251' });
      const refreshOnly = await request(t.server)
        .post('/console/v1/apps')
        .set(bearer(admin.token))
        .send({ name: 'Refresh only', scopes: ['ReadAccounts'], grantTypes: ['refresh_token'], environments: ['production'] });
      if (refreshOnly.status === 201) {
        const denied = await exchange(t, 'production', refreshOnly.body.clients.production, credential.jwt);
        expect(oauthError(denied)).toEqual({ status: 400, error: 'unauthorized_client', errorCode: 'OAU-251' });
      }
    });

    it('400 invalid_grant OAU-216: malformed assertion, wrong signature, algorithm, type, issuer or audience', async () => {
      const keys = t.app.get(KeyRing);
      const issuers = t.app.get(EnvironmentIssuers);
      const [header, payload] = credential.jwt.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const key = keys.activeKey('production', 'credential');
      const bad = [
        'not-a-jwt',
        `${header}.${payload}.${'A'.repeat(86)}`,
        `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'credential+jwt', kid: key.kid })).toString('base64url')}.${payload}.AA`,
        signJwt(key, 'JWT', claims),
        signJwt(key, 'credential+jwt', { ...claims, iss: 'https://evil.example' }),
        signJwt(key, 'credential+jwt', { ...claims, aud: issuers.tokenEndpoint('sandbox') }),
        signJwt(keys.activeKey('production', 'access_token'), 'credential+jwt', claims),
      ];
      for (const assertion of bad) {
        expect(oauthError(await exchange(t, 'production', prod, assertion))).toEqual({ status: 400, error: 'invalid_grant', errorCode: 'OAU-216' });
      }
      // an access token is not a credential
      const { access_token } = (await exchange(t, 'production', prod, credential.jwt).expect(200)).body;
      expect(oauthError(await exchange(t, 'production', prod, access_token))).toMatchObject({ errorCode: 'OAU-216' });
    });

    it('400 invalid_grant OAU-210: the credential expired', async () => {
      const expiresAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000).toISOString();
      const expiring = await issueCredential(t, admin.token, { expiresAt, label: 'short-lived' });
      await exchange(t, 'production', prod, expiring.jwt).expect(200);
      await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 50));
      expect(oauthError(await exchange(t, 'production', prod, expiring.jwt))).toEqual({ status: 400, error: 'invalid_grant', errorCode: 'OAU-210' });
    });

    it('400 invalid_grant OAU-213: the credential is revoked, deleted or unknown', async () => {
      const revoked = await issueCredential(t, admin.token, { label: 'to revoke' });
      const deleted = await issueCredential(t, admin.token, { label: 'to delete' });
      await exchange(t, 'production', prod, revoked.jwt).expect(200);
      await exchange(t, 'production', prod, deleted.jwt).expect(200);
      await request(t.server).post(`/console/v1/credentials/${revoked.id}/revoke`).set(bearer(admin.token)).send({}).expect(200);
      await request(t.server).delete(`/console/v1/credentials/${deleted.id}`).set(bearer(admin.token)).expect(204);
      const claims = JSON.parse(Buffer.from(credential.jwt.split('.')[1], 'base64url').toString());
      const unknown = signJwt(t.app.get(KeyRing).activeKey('production', 'credential'), 'credential+jwt', { ...claims, jti: randomUUID() });
      for (const jwt of [revoked.jwt, deleted.jwt, unknown]) {
        expect(oauthError(await exchange(t, 'production', prod, jwt))).toEqual({ status: 400, error: 'invalid_grant', errorCode: 'OAU-213' });
      }
    });

    it('400 invalid_grant OAU-214: production credentials fail in the sandbox, and the reverse', async () => {
      const sandboxCredential = await issueCredential(t, admin.token, { environment: 'sandbox' });
      expect(oauthError(await exchange(t, 'sandbox', sandbox, credential.jwt))).toEqual({
        status: 400,
        error: 'invalid_grant',
        errorCode: 'OAU-214',
      });
      expect(oauthError(await exchange(t, 'production', prod, sandboxCredential.jwt))).toEqual({
        status: 400,
        error: 'invalid_grant',
        errorCode: 'OAU-214',
      });
      const ok = await exchange(t, 'sandbox', sandbox, sandboxCredential.jwt).expect(200);
      const me = await request(t.server).get('/console/v1/me').set(bearer(admin.token)).expect(200);
      expect(ok.body.owner_id).toBe(me.body.accounts.sandbox.userId);
      expect(ok.body.owner_id).not.toBe(me.body.accounts.production.userId);
    });

    it("400 invalid_grant OAU-215: an organization-only credential and another organization's app; a specific list across organizations", async () => {
      const other = await signup(t, { organizationName: 'Globex' });
      const foreign = (await createOAuthApp(t, other.token, { name: 'Globex app', environments: ['production'] })).clients.production!;
      expect(oauthError(await exchange(t, 'production', foreign, credential.jwt))).toEqual({
        status: 400,
        error: 'invalid_grant',
        errorCode: 'OAU-215',
      });

      const shared = await issueCredential(t, admin.token, {
        allowedApps: { type: 'specific', clientIds: [foreign.clientId] },
        label: 'shared with Globex',
      });
      await exchange(t, 'production', foreign, shared.jwt).expect(200);
      expect(oauthError(await exchange(t, 'production', prod, shared.jwt))).toEqual({ status: 400, error: 'invalid_grant', errorCode: 'OAU-215' });
      // allowing the own app later lets it in at once
      await request(t.server)
        .post(`/console/v1/credentials/${shared.id}/allowed-apps`)
        .set(bearer(admin.token))
        .send({ clientId: prod.clientId })
        .expect(200);
      await exchange(t, 'production', prod, shared.jwt).expect(200);
    });

    it("400 invalid_grant OAU-217: the credential's owner is deactivated (a removed member)", async () => {
      const dev = await join(t, admin, 'developer');
      const devCredential = await issueCredential(t, dev.token, { label: "dev's" });
      const { access_token } = (await exchange(t, 'production', prod, devCredential.jwt).expect(200)).body;
      await platform.account(t, 'production', access_token).expect(200);
      await request(t.server).delete(`/console/v1/organization/members/${dev.userId}`).set(bearer(admin.token)).expect(204);
      expect(oauthError(await exchange(t, 'production', prod, devCredential.jwt))).toEqual({
        status: 400,
        error: 'invalid_grant',
        errorCode: 'OAU-217',
      });
      await platform.account(t, 'production', access_token).expect(401);
      expect((await introspect(t, 'production', prod, access_token).expect(200)).body).toEqual({ active: false });
    });

    it('400 invalid_scope OAU-252: a scope the app was not granted', async () => {
      const res = await exchange(t, 'production', prod, credential.jwt, { scope: 'ReadAccounts EditExtensions' });
      expect(oauthError(res)).toEqual({ status: 400, error: 'invalid_scope', errorCode: 'OAU-252' });
      expect((await exchange(t, 'production', prod, credential.jwt, { scope: 'ReadAccounts' }).expect(200)).body.scope).toBe('ReadAccounts');
    });

    it('429 rate_limited OAU-429 with Retry-After after repeated failed client authentication', async () => {
      const victim = (await createOAuthApp(t, admin.token, { name: 'Throttled', environments: ['production'] })).clients.production!;
      for (let i = 0; i < 10; i++) {
        expect((await exchange(t, 'production', { clientId: victim.clientId, clientSecret: `guess-${i}` }, credential.jwt)).status).toBe(401);
      }
      const limited = await exchange(t, 'production', victim, credential.jwt);
      expect(oauthError(limited)).toEqual({ status: 429, error: 'rate_limited', errorCode: 'OAU-429' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      await exchange(t, 'production', prod, credential.jwt).expect(200);
    });
  });

  describe('refresh, revoke and introspect', () => {
    it('rotates refresh tokens, and reuse revokes the session: the newest access token stops working', async () => {
      const first = (await exchange(t, 'production', prod, credential.jwt).expect(200)).body;
      const second = (await refresh(t, 'production', prod, first.refresh_token).expect(200)).body;
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(second.endpoint_id).toBe(first.endpoint_id);
      await platform.account(t, 'production', second.access_token).expect(200);
      expect((await introspect(t, 'production', prod, second.access_token).expect(200)).body.active).toBe(true);

      expect(oauthError(await refresh(t, 'production', prod, first.refresh_token))).toEqual({
        status: 400,
        error: 'invalid_grant',
        errorCode: 'OAU-213',
      });
      expect((await introspect(t, 'production', prod, second.access_token).expect(200)).body).toEqual({ active: false });
      const denied = await platform.account(t, 'production', second.access_token).expect(401);
      expect(denied.body).toMatchObject({ errorCode: 'TokenInvalid', errors: [{ errorCode: 'OAU-149' }] });
      expect(oauthError(await refresh(t, 'production', prod, second.refresh_token))).toMatchObject({ errorCode: 'OAU-213' });
    });

    it('refuses refresh tokens across environments and clients', async () => {
      const sandboxCredential = await issueCredential(t, admin.token, { environment: 'sandbox', label: 'sandbox refresh' });
      const sandboxTokens = (await exchange(t, 'sandbox', sandbox, sandboxCredential.jwt).expect(200)).body;
      const prodTokens = (await exchange(t, 'production', prod, credential.jwt).expect(200)).body;
      expect(oauthError(await refresh(t, 'production', prod, sandboxTokens.refresh_token))).toMatchObject({ errorCode: 'OAU-213' });
      expect(oauthError(await refresh(t, 'sandbox', sandbox, prodTokens.refresh_token))).toMatchObject({ errorCode: 'OAU-213' });
      const other = (await createOAuthApp(t, admin.token, { name: 'Other', environments: ['production'] })).clients.production!;
      expect(oauthError(await refresh(t, 'production', other, prodTokens.refresh_token))).toMatchObject({ errorCode: 'OAU-213' });
      await refresh(t, 'sandbox', sandbox, sandboxTokens.refresh_token).expect(200);
    });

    it('introspects live tokens, and answers {active: false} and nothing else otherwise', async () => {
      const tokens = (await exchange(t, 'production', prod, credential.jwt).expect(200)).body;
      const res = await introspect(t, 'production', prod, tokens.access_token).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const claims = JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url').toString());
      expect(res.body).toEqual({
        active: true,
        scope: 'ReadAccounts EditAccounts',
        client_id: prod.clientId,
        sub: tokens.owner_id,
        owner_id: tokens.owner_id,
        exp: claims.exp,
        iat: claims.iat,
        iss: 'http://latchkey.test',
        token_type: 'Bearer',
      });
      expect((await introspect(t, 'production', prod, tokens.refresh_token).expect(200)).body).toMatchObject({
        active: true,
        token_type: 'refresh_token',
      });
      for (const token of ['garbage', credential.jwt, `${tokens.access_token}x`]) {
        expect((await introspect(t, 'production', prod, token).expect(200)).body).toEqual({ active: false });
      }
      expect((await introspect(t, 'production', jwtOnly, tokens.access_token).expect(200)).body).toEqual({ active: false });
      expect(oauthError(await introspect(t, 'production', { ...prod, clientSecret: 'wrong' }, tokens.access_token))).toMatchObject({ status: 401 });
    });

    it("revokes the whole session with either token; unknown tokens and other clients' tokens get 200 and change nothing", async () => {
      const tokens = (await exchange(t, 'production', prod, credential.jwt).expect(200)).body;
      const other = (await createOAuthApp(t, admin.token, { name: 'Bystander', environments: ['production'] })).clients.production!;
      const unknown = await revokeToken(t, 'production', prod, 'no-such-token').expect(200);
      expect(unknown.text).toBe('');
      await revokeToken(t, 'production', other, tokens.access_token).expect(200);
      await platform.account(t, 'production', tokens.access_token).expect(200);

      await revokeToken(t, 'production', prod, tokens.refresh_token).expect(200);
      await platform.account(t, 'production', tokens.access_token).expect(401);
      expect((await introspect(t, 'production', prod, tokens.access_token).expect(200)).body).toEqual({ active: false });
      expect(oauthError(await refresh(t, 'production', prod, tokens.refresh_token))).toMatchObject({ errorCode: 'OAU-213' });

      const next = (await exchange(t, 'production', prod, credential.jwt).expect(200)).body;
      await revokeToken(t, 'production', prod, next.access_token).expect(200);
      expect(oauthError(await refresh(t, 'production', prod, next.refresh_token))).toMatchObject({ errorCode: 'OAU-213' });
    });

    it('revoking the credential makes existing access tokens 401 on the Platform API at once', async () => {
      const doomed = await issueCredential(t, admin.token, { label: 'doomed' });
      const tokens = (await exchange(t, 'production', prod, doomed.jwt).expect(200)).body;
      await platform.account(t, 'production', tokens.access_token).expect(200);
      await request(t.server).post(`/console/v1/credentials/${doomed.id}/revoke`).set(bearer(admin.token)).send({ reason: 'leaked' }).expect(200);
      await platform.account(t, 'production', tokens.access_token).expect(401);
      expect(oauthError(await refresh(t, 'production', prod, tokens.refresh_token))).toMatchObject({ errorCode: 'OAU-213' });
    });
  });

  describe('discovery', () => {
    it('publishes RFC 8414 metadata per environment, also at the RFC 8414 path for the sandbox', async () => {
      const production = (await request(t.server).get('/.well-known/oauth-authorization-server').expect(200)).body;
      expect(production).toEqual({
        issuer: 'http://latchkey.test',
        token_endpoint: 'http://latchkey.test/restapi/oauth/token',
        revocation_endpoint: 'http://latchkey.test/restapi/oauth/revoke',
        introspection_endpoint: 'http://latchkey.test/restapi/oauth/introspect',
        jwks_uri: 'http://latchkey.test/restapi/oauth/jwks',
        grant_types_supported: [JWT_BEARER, 'refresh_token'],
        response_types_supported: [],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        scopes_supported: ['ReadAccounts', 'EditAccounts', 'ReadExtensions', 'EditExtensions'],
      });
      const sandboxMetadata = (await request(t.server).get('/sandbox/.well-known/oauth-authorization-server').expect(200)).body;
      expect(sandboxMetadata.issuer).toBe('http://latchkey.test/sandbox');
      expect(sandboxMetadata.token_endpoint).toBe('http://latchkey.test/sandbox/restapi/oauth/token');
      expect((await request(t.server).get('/.well-known/oauth-authorization-server/sandbox').expect(200)).body).toEqual(sandboxMetadata);
    });

    it('describes the Auth API and the Platform API in the OpenAPI document', async () => {
      const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body;
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/restapi/oauth/token',
          '/sandbox/restapi/oauth/token',
          '/restapi/oauth/revoke',
          '/restapi/oauth/introspect',
          '/restapi/oauth/jwks',
          '/.well-known/oauth-authorization-server',
          '/restapi/v1.0/account/{accountId}',
          '/sandbox/restapi/v1.0/account/{accountId}/extension/{extensionId}',
        ]),
      );
    });
  });

  it('records credential use (batched) and never logs tokens, assertions or secrets', async () => {
    const used = await issueCredential(t, admin.token, { label: 'used' });
    const tokens = (await exchange(t, 'production', prod, used.jwt).expect(200)).body;
    await eventually(
      async () => {
        const res = await request(t.server).get(`/console/v1/credentials/${used.id}`).set(bearer(admin.token)).expect(200);
        expect(res.body.lastUsedAt).not.toBeNull();
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    const logs = t.logs.join('');
    for (const secret of [used.jwt, tokens.access_token, tokens.refresh_token, prod.clientSecret]) expect(logs).not.toContain(secret);
    expect(decodeProtectedHeader(tokens.access_token).typ).toBe('at+jwt');
  });
});

describe('Auth API across a restart (sqlite store, same data directory)', () => {
  jest.setTimeout(30_000);
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(joinPath(tmpdir(), 'latchkey-auth-restart-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps refresh tokens valid and revoked sessions revoked, with the master key in an owner-only file', async () => {
    let t = await startTestApp({ DATA_DIR: dataDir });
    const admin = await signup(t);
    const client = (await createOAuthApp(t, admin.token, { environments: ['production'] })).clients.production!;
    const { jwt } = await issueCredential(t, admin.token);
    const kept = (await exchange(t, 'production', client, jwt).expect(200)).body;
    const revoked = (await exchange(t, 'production', client, jwt).expect(200)).body;
    await revokeToken(t, 'production', client, revoked.access_token).expect(200);
    await t.close();
    expect(statSync(joinPath(dataDir, 'master.key')).mode & 0o777).toBe(0o600);

    t = await startTestApp({ DATA_DIR: dataDir });
    try {
      const refreshed = (await refresh(t, 'production', client, kept.refresh_token).expect(200)).body;
      await platform.account(t, 'production', refreshed.access_token).expect(200);
      await platform.account(t, 'production', kept.access_token).expect(200);
      expect(oauthError(await refresh(t, 'production', client, revoked.refresh_token))).toMatchObject({ errorCode: 'OAU-213' });
      await platform.account(t, 'production', revoked.access_token).expect(401);
      // that refresh token is now used: presenting it again revokes the session
      expect(oauthError(await refresh(t, 'production', client, kept.refresh_token))).toMatchObject({ errorCode: 'OAU-213' });
      await platform.account(t, 'production', refreshed.access_token).expect(401);
    } finally {
      await t.close();
    }
  });
});
