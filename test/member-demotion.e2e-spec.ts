import request from 'supertest';
import { bearer, join, type Joined, type SignedUp, signup } from './support/console';
import {
  type Client,
  createOAuthApp,
  exchange,
  introspect,
  type IssuedCredential,
  issueCredential,
  oauthError,
  platform,
  refresh,
} from './support/oauth-journey';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A credential works only while its owner holds `developer` or `developer_admin` (API.md,
 * "Invitations, members, apps"). A developer is changed to `user`: from the moment that change
 * answers, the token endpoint refuses their credentials (OAU-217), refreshes are refused, their
 * live access tokens are refused by the Platform API and inactive at introspection, and they may
 * revoke or delete their credentials but not change them. Changed back to `developer`, everything
 * works again: nothing was destroyed. No step waits: each answer must already reflect the change.
 */
describe('a member changed to user, and back', () => {
  jest.setTimeout(60_000);
  let t: TestApp;
  let admin: SignedUp;
  let dev: Joined;
  let own: Client;
  /** An app of another organization. */
  let foreign: Client;
  let kept: IssuedCredential;
  let toRevoke: IssuedCredential;
  let toDelete: IssuedCredential;
  let tokens: { access_token: string; refresh_token: string };
  let keptRevision: number;

  const C = '/console/v1/credentials';
  const setRole = (role: 'user' | 'developer') =>
    request(t.server).patch(`/console/v1/organization/members/${dev.userId}`).set(bearer(admin.token)).send({ role }).expect(200);
  const getKept = () => request(t.server).get(`${C}/${kept.id}`).set(bearer(dev.token)).expect(200);
  const invalidGrant217 = { status: 400, error: 'invalid_grant', errorCode: 'OAU-217' };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signup(t, { organizationName: 'Demotion Inc' });
    own = (await createOAuthApp(t, admin.token, { name: 'Own app', environments: ['production'] })).clients.production!;
    const other = await signup(t, { organizationName: 'Elsewhere Ltd' });
    foreign = (await createOAuthApp(t, other.token, { name: 'Foreign app', environments: ['production'] })).clients.production!;
    dev = await join(t, admin, 'developer', { permissions: ['ReadAccounts', 'EditAccounts'] });
    kept = await issueCredential(t, dev.token, { label: 'kept' });
    toRevoke = await issueCredential(t, dev.token, { label: 'to revoke' });
    toDelete = await issueCredential(t, dev.token, { label: 'to delete' });
  });
  afterAll(() => t?.close());

  describe('as a developer', () => {
    it('gets an access token and a refresh token, and the access token works', async () => {
      tokens = (await exchange(t, 'production', own, kept.jwt).expect(200)).body;
      expect(tokens.refresh_token).toEqual(expect.any(String));
      await platform.account(t, 'production', tokens.access_token).expect(200);
      expect((await introspect(t, 'production', own, tokens.access_token).expect(200)).body.active).toBe(true);
      keptRevision = (await getKept()).body.revision;
    });
  });

  describe('changed to user', () => {
    beforeAll(async () => {
      expect((await setRole('user')).body.role).toBe('user');
    });

    it('the token endpoint refuses every credential of theirs: 400 invalid_grant OAU-217, with a message that says why', async () => {
      for (const credential of [kept, toRevoke, toDelete]) {
        const res = await exchange(t, 'production', own, credential.jwt);
        expect(oauthError(res)).toEqual(invalidGrant217);
        expect(res.body.error_description).toBe("The credential's owner no longer has developer access in their organization");
      }
    });

    it('the refresh grant refuses their refresh token: 400 invalid_grant OAU-217', async () => {
      expect(oauthError(await refresh(t, 'production', own, tokens.refresh_token))).toEqual(invalidGrant217);
    });

    it('the Platform API refuses their live access token as a revoked one: 401 TokenInvalid OAU-149', async () => {
      const res = await platform.account(t, 'production', tokens.access_token).expect(401);
      expect(res.body).toMatchObject({ errorCode: 'TokenInvalid', errors: [{ errorCode: 'OAU-149' }] });
      await platform.extension(t, 'production', tokens.access_token).expect(401);
    });

    it('introspection answers both tokens {active: false}', async () => {
      expect((await introspect(t, 'production', own, tokens.access_token).expect(200)).body).toEqual({ active: false });
      expect((await introspect(t, 'production', own, tokens.refresh_token).expect(200)).body).toEqual({ active: false });
    });

    it.each<[string, () => request.Test]>([
      ['PATCH a label', () => request(t.server).patch(`${C}/${kept.id}`).set(bearer(dev.token)).send({ label: 'changed' })],
      [
        'PATCH the allowed apps',
        () =>
          request(t.server)
            .patch(`${C}/${kept.id}`)
            .set(bearer(dev.token))
            .send({ allowedApps: { type: 'organization' } }),
      ],
      [
        'allow another organization’s app',
        () => request(t.server).post(`${C}/${kept.id}/allowed-apps`).set(bearer(dev.token)).send({ clientId: foreign.clientId }),
      ],
      ['disallow an app', () => request(t.server).delete(`${C}/${kept.id}/allowed-apps/${own.clientId}`).set(bearer(dev.token))],
      [
        'create a credential',
        () =>
          request(t.server)
            .post(C)
            .set(bearer(dev.token))
            .send({ label: 'new', environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } }),
      ],
    ])('%s: 403 DEVELOPER_ACCESS_REQUIRED', async (_what, send) => {
      const res = await send().expect(403);
      expect(res.body).toMatchObject({ status: 403, code: 'DEVELOPER_ACCESS_REQUIRED' });
    });

    it('nothing was changed by the refused calls', async () => {
      const res = await getKept();
      expect(res.body).toMatchObject({ label: 'kept', allowedApps: { type: 'organization' }, status: 'active', revision: keptRevision });
      const listed = await request(t.server).get(`/console/v1/organization/members/${dev.userId}/credentials`).set(bearer(admin.token)).expect(200);
      expect(listed.body.items.map((c: { label: string }) => c.label).sort()).toEqual(['kept', 'to delete', 'to revoke']);
    });

    it('another credential is not found rather than forbidden: 404 before 403', async () => {
      const adminOwn = await issueCredential(t, admin.token, { label: 'admin’s' });
      const res = await request(t.server).patch(`${C}/${adminOwn.id}`).set(bearer(dev.token)).send({ label: 'x' }).expect(404);
      expect(res.body.code).toBe('CREDENTIAL_NOT_FOUND');
    });

    it('they may still revoke and delete their credentials', async () => {
      const revoked = await request(t.server)
        .post(`${C}/${toRevoke.id}/revoke`)
        .set(bearer(dev.token))
        .send({ reason: 'no longer a developer' })
        .expect(200);
      expect(revoked.body.status).toBe('revoked');
      await request(t.server).delete(`${C}/${toDelete.id}`).set(bearer(dev.token)).expect(204);
      await request(t.server).get(`${C}/${toDelete.id}`).set(bearer(dev.token)).expect(404);
    });

    it('the OpenAPI description names 403 DEVELOPER_ACCESS_REQUIRED on the routes that change a credential', async () => {
      const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body;
      expect(doc.paths['/console/v1/credentials/{id}'].patch.responses['403'].description).toContain('DEVELOPER_ACCESS_REQUIRED');
      expect(doc.paths['/console/v1/credentials/{id}/allowed-apps'].post.responses['403'].description).toContain('DEVELOPER_ACCESS_REQUIRED');
      expect(doc.paths['/console/v1/credentials/{id}/allowed-apps/{clientId}'].delete.responses['403'].description).toContain(
        'DEVELOPER_ACCESS_REQUIRED',
      );
      expect(doc.paths['/console/v1/credentials/{id}/revoke'].post.responses['403']?.description ?? '').not.toContain('DEVELOPER_ACCESS_REQUIRED');
    });
  });

  describe('changed back to developer', () => {
    beforeAll(async () => {
      expect((await setRole('developer')).body.role).toBe('developer');
    });

    it('the live access token works again and is active at introspection', async () => {
      await platform.account(t, 'production', tokens.access_token).expect(200);
      expect((await introspect(t, 'production', own, tokens.access_token).expect(200)).body).toMatchObject({ active: true, client_id: own.clientId });
    });

    it('the refresh token refused while they were a user was not spent: it refreshes now', async () => {
      const rotated = await refresh(t, 'production', own, tokens.refresh_token).expect(200);
      await platform.account(t, 'production', rotated.body.access_token).expect(200);
    });

    it('the credential is exchanged again; the revoked one stays refused (OAU-213)', async () => {
      await exchange(t, 'production', own, kept.jwt).expect(200);
      expect(oauthError(await exchange(t, 'production', own, toRevoke.jwt))).toEqual({ status: 400, error: 'invalid_grant', errorCode: 'OAU-213' });
      expect(oauthError(await exchange(t, 'production', own, toDelete.jwt))).toEqual({ status: 400, error: 'invalid_grant', errorCode: 'OAU-213' });
    });

    it('another organization’s app gets no token on an "organization" credential: the refused allow-app added nothing (OAU-215)', async () => {
      expect(oauthError(await exchange(t, 'production', foreign, kept.jwt))).toEqual({ status: 400, error: 'invalid_grant', errorCode: 'OAU-215' });
    });

    it('as a developer they may change the credential again, and a specific list may name another organization’s app (API.md)', async () => {
      await request(t.server).patch(`${C}/${kept.id}`).set(bearer(dev.token)).send({ label: 'kept, renamed' }).expect(200);
      const allowed = await request(t.server)
        .post(`${C}/${kept.id}/allowed-apps`)
        .set(bearer(dev.token))
        .send({ clientId: foreign.clientId })
        .expect(200);
      expect(allowed.body.allowedApps.type).toBe('specific');
      await exchange(t, 'production', foreign, kept.jwt).expect(200);
      // restricted to the listed app: the organization's own app is no longer allowed
      expect(oauthError(await exchange(t, 'production', own, kept.jwt))).toEqual({ status: 400, error: 'invalid_grant', errorCode: 'OAU-215' });
    });

    it('changed to user again, the listed app of the other organization is refused too (OAU-217)', async () => {
      await setRole('user');
      expect(oauthError(await exchange(t, 'production', foreign, kept.jwt))).toEqual(invalidGrant217);
    });
  });
});
