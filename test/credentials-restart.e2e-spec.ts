import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { bearer, join as joinOrganization, login, signup } from './support/console';
import {
  allowlistEntry,
  createApp,
  createCredential,
  CREDENTIALS,
  type CredentialBody,
  daysFromNow,
  historyOf,
  type HistoryBody,
  verifyCredentialJwt,
} from './support/credentials-journey';
import { startTestApp, type TestApp } from './support/test-app';

describe('JWT credentials across a restart (e2e, sqlite)', () => {
  let dir: string;
  let t: TestApp | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'latchkey-credentials-restart-'));
  });

  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps lists, allowlist entries and history, and the old JWTs still verify with the reloaded key ring', async () => {
    // First life: create, change, revoke and delete credentials.
    t = await startTestApp({ DATA_DIR: dir });
    const admin = await signup(t, { organizationName: 'Acme' });
    const dev = await joinOrganization(t, admin, 'developer');
    await request(t.server).post('/console/v1/me/sandbox-account').set(bearer(dev.token)).expect(201);
    const app = await createApp(t, admin.token, 'Acme Internal');

    const organization = await createCredential(t, dev.token, { label: 'Organization' });
    const specific = await createCredential(t, dev.token, {
      label: 'Specific',
      expiresAt: daysFromNow(30),
      allowedApps: { type: 'specific', clientIds: [app.clients.production!.clientId] },
    });
    const sandbox = await createCredential(t, dev.token, {
      label: 'Sandbox',
      environment: 'sandbox',
      allowedApps: { type: 'specific', clientIds: [app.clients.sandbox!.clientId] },
    });
    const revoked = await createCredential(t, dev.token, { label: 'Revoked' });
    const deleted = await createCredential(t, dev.token, { label: 'Deleted' });
    await request(t.server).patch(`${CREDENTIALS}/${specific.credential.id}`).set(bearer(dev.token)).send({ label: 'Specific, renamed' }).expect(200);
    await request(t.server)
      .post(`${CREDENTIALS}/${revoked.credential.id}/revoke`)
      .set(bearer(admin.token))
      .send({ reason: 'no longer needed' })
      .expect(200);
    await request(t.server).delete(`${CREDENTIALS}/${deleted.credential.id}`).set(bearer(dev.token)).expect(204);

    const ids = [organization, specific, sandbox, revoked, deleted].map((c) => c.credential.id);
    const listBefore = (await request(t.server).get(CREDENTIALS).set(bearer(dev.token)).expect(200)).body as { items: CredentialBody[] };
    const entriesBefore = await Promise.all(ids.map((id) => allowlistEntry(t!, id)));
    const historiesBefore: HistoryBody[][] = [];
    for (const id of ids) historiesBefore.push(await historyOf(t, admin.token, id));
    const auditBefore = (await request(t.server).get('/console/v1/audit?limit=500').set(bearer(admin.token)).expect(200)).body;
    expect(listBefore.items.map((c) => c.label)).toEqual(['Revoked', 'Sandbox', 'Specific, renamed', 'Organization']);
    expect(entriesBefore.map((e) => e?.status)).toEqual(['active', 'active', 'active', 'revoked', 'deleted']);

    await t.close();
    t = undefined;

    // Second life on the same data directory.
    t = await startTestApp({ DATA_DIR: dir });
    const devToken = await login(t, dev.email);
    const adminToken = await login(t, admin.email);

    const listAfter = (await request(t.server).get(CREDENTIALS).set(bearer(devToken)).expect(200)).body;
    expect(listAfter).toEqual(listBefore);
    expect(await Promise.all(ids.map((id) => allowlistEntry(t!, id)))).toEqual(entriesBefore);
    for (const [i, id] of ids.entries()) expect(await historyOf(t, adminToken, id)).toEqual(historiesBefore[i]);
    // The sign-ins of this second life are new entries; everything before the restart is as it was.
    const auditAfter = (await request(t.server).get('/console/v1/audit?limit=500').set(bearer(adminToken)).expect(200)).body;
    const lastBefore = Math.max(...auditBefore.items.map((e: { position: number }) => e.position));
    expect(auditAfter.items.filter((e: { position: number }) => e.position <= lastBefore)).toEqual(auditBefore.items);
    const newTypes = auditAfter.items.filter((e: { position: number }) => e.position > lastBefore).map((e: { type: string }) => e.type);
    expect(newTypes.every((type: string) => type === 'user.login_succeeded')).toBe(true);
    await request(t.server).get(`${CREDENTIALS}/${deleted.credential.id}`).set(bearer(devToken)).expect(404);

    for (const { jwt, credential } of [organization, specific, revoked]) {
      const { payload } = await verifyCredentialJwt(t, jwt, 'production');
      expect(payload.jti).toBe(credential.id);
    }
    expect((await verifyCredentialJwt(t, sandbox.jwt, 'sandbox')).payload.jti).toBe(sandbox.credential.id);

    // The credentials still change after the restart, with their revisions continuing.
    const renamed = await request(t.server)
      .patch(`${CREDENTIALS}/${organization.credential.id}`)
      .set(bearer(devToken))
      .set('if-match', '"0"')
      .send({ label: 'After restart' })
      .expect(200);
    expect(renamed.body).toMatchObject({ label: 'After restart', revision: 1 });
    await request(t.server).post(`${CREDENTIALS}/${specific.credential.id}/revoke`).set(bearer(devToken)).set('if-match', '"0"').send({}).expect(412);
    await request(t.server).post(`${CREDENTIALS}/${specific.credential.id}/revoke`).set(bearer(devToken)).set('if-match', '"1"').send({}).expect(200);
    expect((await allowlistEntry(t, specific.credential.id))?.status).toBe('revoked');
  }, 30_000);
});
