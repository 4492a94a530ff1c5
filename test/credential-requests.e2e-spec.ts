import request from 'supertest';
import { bearer, join, type Joined, PASSWORD, signup, type SignedUp } from './support/console';
import { startListeningTestApp, type ListeningTestApp } from './support/listening-app';
import { type Client, createOAuthApp, exchange, oauthError, refresh } from './support/oauth-journey';
import { WebhookReceiver } from './support/webhook-receiver';

const REQUESTS = '/console/v1/organization/credential-requests';
const CREDENTIALS = '/console/v1/credentials';

const underApproval = {
  maxCredentialLifetimeDays: null,
  requireExpiry: false,
  organizationWideCredentials: { production: true, sandbox: true },
  thirdPartyApps: 'approval',
  inactiveCredentialRevocationDays: null,
  requireMfa: false,
};

interface RequestBody {
  id: string;
  credentialId: string;
  credentialLabel: string;
  requester: { userId: string; email: string };
  clientId: string;
  appName: string;
  organizationName: string;
  justification: string;
  status: 'pending' | 'approved' | 'denied';
  createdAt: string;
  decidedBy?: { userId: string; email: string };
  decidedAt?: string;
  note?: string;
}

interface CredentialBody {
  id: string;
  status: string;
  revocationReason: string | null;
  allowedApps: { type: string; apps?: { clientId: string; appName: string | null; organizationName: string | null; status: string }[] };
}

const pending280 = { status: 400, error: 'invalid_grant', errorCode: 'OAU-280' };

/**
 * Third-party approval (API.md, "Third-party approval" and "Version 2: rules…", credential
 * requests): under `thirdPartyApps: "approval"` apps of other organizations wait for a
 * developer_admin, the token endpoint refuses them with OAU-280 until then, and the decision takes
 * effect at once.
 */
describe('credential requests (e2e, sqlite)', () => {
  jest.setTimeout(120_000);
  let t: ListeningTestApp;
  let admin: SignedUp;
  let developer: Joined;
  let partner: SignedUp;
  let other: SignedUp;
  let own: Client;
  let partnerApp: Client;
  let vendorApp: Client;
  const receiver = new WebhookReceiver();

  const list = async (token: string, query = '') =>
    (await request(t.server).get(`${REQUESTS}${query}`).set(bearer(token)).expect(200)).body.items as RequestBody[];
  const requestFor = async (credentialId: string, clientId: string) =>
    (await list(admin.token)).find((r) => r.credentialId === credentialId && r.clientId === clientId)!;
  const credential = async (token: string, id: string) =>
    (await request(t.server).get(`${CREDENTIALS}/${id}`).set(bearer(token)).expect(200)).body as CredentialBody;
  const create = (token: string, clientIds: string[], extra: Record<string, unknown> = {}) =>
    request(t.server)
      .post(CREDENTIALS)
      .set(bearer(token))
      .send({ label: 'Partner sync', environment: 'production', expiresAt: null, allowedApps: { type: 'specific', clientIds }, ...extra });
  const approve = (token: string, id: string, body: Record<string, unknown> = {}) =>
    request(t.server).post(`${REQUESTS}/${id}/approve`).set(bearer(token)).send(body);
  const deny = (token: string, id: string, body: Record<string, unknown>) =>
    request(t.server).post(`${REQUESTS}/${id}/deny`).set(bearer(token)).send(body);
  const appStatuses = (c: CredentialBody) => Object.fromEntries((c.allowedApps.apps ?? []).map((a) => [a.clientId, a.status]));

  beforeAll(async () => {
    await receiver.start();
    t = await startListeningTestApp({ WEBHOOKS_ALLOW_PRIVATE: '127.0.0.0/8' });
    [admin, partner, other] = await Promise.all([
      signup(t, { organizationName: 'Acme' }),
      signup(t, { organizationName: 'Partner Inc.' }),
      signup(t, { organizationName: 'Other' }),
    ]);
    developer = await join(t, admin, 'developer');
    own = (await createOAuthApp(t, admin.token, { name: 'Acme billing' })).clients.production!;
    partnerApp = (await createOAuthApp(t, partner.token, { name: 'Invoice sync' })).clients.production!;
    vendorApp = (await createOAuthApp(t, partner.token, { name: 'Vendor export' })).clients.production!;
    await request(t.server)
      .post('/console/v1/organization/webhooks')
      .set(bearer(admin.token))
      .send({ url: receiver.url, events: ['credential.request.created', 'credential.request.approved', 'credential.request.denied'] })
      .expect(201);
    await request(t.server).put('/console/v1/organization/policy').set(bearer(admin.token)).send(underApproval).expect(200);
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  describe('a new credential whose only app is of another organization', () => {
    let credentialId: string;
    let jwt: string;
    let requestId: string;

    it('needs a justification: 400 naming the field, and nothing is created', async () => {
      const res = await create(developer.token, [partnerApp.clientId]).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'justification', message: expect.stringContaining(partnerApp.clientId) }]);
      await create(developer.token, [partnerApp.clientId], { justification: 42 }).expect(400);
      expect((await request(t.server).get(CREDENTIALS).set(bearer(developer.token)).expect(200)).body.items).toEqual([]);
    });

    it('starts pending_approval, its app pending, with a pending request for the admins', async () => {
      const res = await create(developer.token, [partnerApp.clientId], { justification: 'Partner Inc. syncs our invoices' }).expect(201);
      ({ jwt } = res.body);
      credentialId = res.body.credential.id;
      expect(res.body.credential).toMatchObject({
        status: 'pending_approval',
        allowedApps: {
          type: 'specific',
          apps: [{ clientId: partnerApp.clientId, appName: 'Invoice sync', organizationName: 'Partner Inc.', status: 'pending_approval' }],
        },
      });
      const mine = (await request(t.server).get(CREDENTIALS).set(bearer(developer.token)).expect(200)).body.items as CredentialBody[];
      expect(mine.map((c) => c.status)).toEqual(['pending_approval']);
      const found = await requestFor(credentialId, partnerApp.clientId);
      requestId = found.id;
      expect(found).toEqual({
        id: expect.any(String),
        credentialId,
        credentialLabel: 'Partner sync',
        requester: { userId: developer.userId, email: developer.email },
        clientId: partnerApp.clientId,
        appName: 'Invoice sync',
        organizationName: 'Partner Inc.',
        justification: 'Partner Inc. syncs our invoices',
        status: 'pending',
        createdAt: expect.any(String),
      });
    });

    it('is refused by the token endpoint: 400 invalid_grant OAU-280', async () => {
      const res = await exchange(t, 'production', partnerApp, jwt);
      expect(oauthError(res)).toEqual(pending280);
      expect(res.body.error_description).toContain('approval');
    });

    it('lets only developer_admins of the organization see and decide requests (others: 403 or 404)', async () => {
      await request(t.server).get(REQUESTS).set(bearer(developer.token)).expect(403);
      await approve(developer.token, requestId).expect(403);
      expect(await list(other.token)).toEqual([]);
      expect((await approve(other.token, requestId).expect(404)).body.code).toBe('CREDENTIAL_REQUEST_NOT_FOUND');
      await deny(other.token, requestId, { reason: 'not ours' }).expect(404);
      await approve(admin.token, 'not-a-uuid').expect(404);
      await approve(admin.token, '00000000-0000-4000-8000-000000000000').expect(404);
      expect((await requestFor(credentialId, partnerApp.clientId)).status).toBe('pending');
    });

    it('is usable at once when an admin approves it, with a note; a decision is final (409)', async () => {
      await approve(admin.token, requestId, { note: 'x'.repeat(501) }).expect(400);
      await approve(admin.token, requestId, { note: 'Contract signed', extra: true }).expect(400);
      const res = await approve(admin.token, requestId, { note: 'Contract signed' }).expect(200);
      expect(res.body).toMatchObject({
        id: requestId,
        status: 'approved',
        decidedBy: { userId: admin.userId, email: admin.email },
        decidedAt: expect.any(String),
        note: 'Contract signed',
      });
      await exchange(t, 'production', partnerApp, jwt).expect(200);
      const after = await credential(developer.token, credentialId);
      expect(after.status).toBe('active');
      expect(appStatuses(after)).toEqual({ [partnerApp.clientId]: 'active' });
      expect((await approve(admin.token, requestId).expect(409)).body.code).toBe('CREDENTIAL_REQUEST_DECIDED');
      expect((await deny(admin.token, requestId, { reason: 'too late' }).expect(409)).body.code).toBe('CREDENTIAL_REQUEST_DECIDED');
    });
  });

  describe('an app of another organization added to a working credential', () => {
    let credentialId: string;
    let jwt: string;
    let partnerRefresh: string;

    beforeAll(async () => {
      const res = await create(developer.token, [own.clientId], { label: 'Billing' }).expect(201);
      expect(res.body.credential.status).toBe('active');
      credentialId = res.body.credential.id;
      jwt = res.body.jwt;
    });

    it('POST …/allowed-apps: needs a justification, then the app stays pending while the credential keeps working for its own app', async () => {
      const missing = await request(t.server)
        .post(`${CREDENTIALS}/${credentialId}/allowed-apps`)
        .set(bearer(developer.token))
        .send({ clientId: partnerApp.clientId })
        .expect(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['justification']);
      const res = await request(t.server)
        .post(`${CREDENTIALS}/${credentialId}/allowed-apps`)
        .set(bearer(developer.token))
        .send({ clientId: partnerApp.clientId, justification: 'Invoices' })
        .expect(200);
      expect(res.body.status).toBe('active');
      expect(appStatuses(res.body)).toEqual({ [own.clientId]: 'active', [partnerApp.clientId]: 'pending_approval' });
      await exchange(t, 'production', own, jwt).expect(200);
      expect(oauthError(await exchange(t, 'production', partnerApp, jwt))).toEqual(pending280);
      expect((await requestFor(credentialId, partnerApp.clientId)).status).toBe('pending');
    });

    it('approval makes the app usable at once', async () => {
      await approve(admin.token, (await requestFor(credentialId, partnerApp.clientId)).id).expect(200);
      const tokens = (await exchange(t, 'production', partnerApp, jwt).expect(200)).body;
      partnerRefresh = tokens.refresh_token;
      expect(partnerRefresh).toEqual(expect.any(String));
    });

    it('the refresh grant refuses an app that is pending again (removed, then added back): OAU-280', async () => {
      await request(t.server).delete(`${CREDENTIALS}/${credentialId}/allowed-apps/${partnerApp.clientId}`).set(bearer(developer.token)).expect(200);
      await request(t.server)
        .post(`${CREDENTIALS}/${credentialId}/allowed-apps`)
        .set(bearer(developer.token))
        .send({ clientId: partnerApp.clientId, justification: 'Invoices again' })
        .expect(200);
      expect(oauthError(await refresh(t, 'production', partnerApp, partnerRefresh))).toEqual(pending280);
      const pendingAgain = (await list(admin.token, '?status=pending')).filter((r) => r.credentialId === credentialId);
      expect(pendingAgain.map((r) => r.justification)).toEqual(['Invoices again']);
    });

    it('PATCH allowedApps: an added third-party app needs a justification and waits; apps already pending stay pending', async () => {
      const patch = (body: Record<string, unknown>) =>
        request(t.server).patch(`${CREDENTIALS}/${credentialId}`).set(bearer(developer.token)).send(body);
      const clientIds = [own.clientId, partnerApp.clientId, vendorApp.clientId];
      expect((await patch({ allowedApps: { type: 'specific', clientIds } }).expect(400)).body.errors[0].field).toBe('justification');
      const res = await patch({ allowedApps: { type: 'specific', clientIds }, justification: 'Vendor export too' }).expect(200);
      expect(appStatuses(res.body)).toEqual({
        [own.clientId]: 'active',
        [partnerApp.clientId]: 'pending_approval',
        [vendorApp.clientId]: 'pending_approval',
      });
      expect((await requestFor(credentialId, vendorApp.clientId)).justification).toBe('Vendor export too');
      expect(oauthError(await exchange(t, 'production', vendorApp, jwt))).toEqual(pending280);
    });

    it('deny needs a reason, then removes the app from the credential; the others keep working', async () => {
      const vendorRequest = await requestFor(credentialId, vendorApp.clientId);
      expect((await deny(admin.token, vendorRequest.id, {}).expect(400)).body.errors[0].field).toBe('reason');
      await deny(admin.token, vendorRequest.id, { reason: '  ' }).expect(400);
      const res = await deny(admin.token, vendorRequest.id, { reason: 'No contract with this vendor' }).expect(200);
      expect(res.body).toMatchObject({ status: 'denied', note: 'No contract with this vendor', decidedBy: { userId: admin.userId } });
      const after = await credential(developer.token, credentialId);
      expect(after.status).toBe('active');
      expect(appStatuses(after)).toEqual({ [own.clientId]: 'active', [partnerApp.clientId]: 'pending_approval' });
      expect(oauthError(await exchange(t, 'production', vendorApp, jwt))).toEqual({ status: 400, error: 'invalid_grant', errorCode: 'OAU-215' });
      await exchange(t, 'production', own, jwt).expect(200);
    });

    it('a request for an app that left the credential can no longer be approved (409), only denied', async () => {
      const partnerRequest = (await list(admin.token, '?status=pending')).find(
        (r) => r.credentialId === credentialId && r.clientId === partnerApp.clientId,
      )!;
      await request(t.server).delete(`${CREDENTIALS}/${credentialId}/allowed-apps/${partnerApp.clientId}`).set(bearer(developer.token)).expect(200);
      expect((await approve(admin.token, partnerRequest.id).expect(409)).body.code).toBe('CREDENTIAL_REQUEST_OBSOLETE');
      await deny(admin.token, partnerRequest.id, { reason: 'Withdrawn' }).expect(200);
    });
  });

  it('denying the only app of a pending credential revokes it with revocationReason denied', async () => {
    const res = await create(developer.token, [vendorApp.clientId], { label: 'Vendor only', justification: 'Exports' }).expect(201);
    const id = res.body.credential.id;
    await deny(admin.token, (await requestFor(id, vendorApp.clientId)).id, { reason: 'Not a vendor we use' }).expect(200);
    const after = await credential(developer.token, id);
    expect(after).toMatchObject({ status: 'revoked', revocationReason: 'denied' });
    expect(oauthError(await exchange(t, 'production', vendorApp, res.body.jwt))).toEqual({
      status: 400,
      error: 'invalid_grant',
      errorCode: 'OAU-213',
    });
  });

  it('approves a developer_admin’s own request at once (still recorded, with the justification)', async () => {
    await create(admin.token, [partnerApp.clientId], { label: 'Admin’s own' }).expect(400);
    const res = await create(admin.token, [partnerApp.clientId], { label: 'Admin’s own', justification: 'Our integration' }).expect(201);
    expect(res.body.credential.status).toBe('active');
    expect(appStatuses(res.body.credential)).toEqual({ [partnerApp.clientId]: 'active' });
    await exchange(t, 'production', partnerApp, res.body.jwt).expect(200);
    expect(await requestFor(res.body.credential.id, partnerApp.clientId)).toMatchObject({
      status: 'approved',
      requester: { userId: admin.userId },
      decidedBy: { userId: admin.userId },
      justification: 'Our integration',
    });
  });

  it('asks nothing of apps of the organization itself, or when third-party apps are allowed', async () => {
    const before = (await list(admin.token)).length;
    const res = await create(developer.token, [own.clientId], { label: 'Own only' }).expect(201);
    expect(res.body.credential.status).toBe('active');
    await request(t.server)
      .put('/console/v1/organization/policy')
      .set(bearer(admin.token))
      .send({ ...underApproval, thirdPartyApps: 'allowed' })
      .expect(200);
    const free = await create(developer.token, [vendorApp.clientId], { label: 'Free' }).expect(201);
    expect(free.body.credential.status).toBe('active');
    expect((await list(admin.token)).length).toBe(before);
    await request(t.server).put('/console/v1/organization/policy').set(bearer(admin.token)).send(underApproval).expect(200);
  });

  it('lists every status by default, newest first, one status with ?status=, and refuses an unknown status (400)', async () => {
    await create(developer.token, [partnerApp.clientId], { label: 'Still waiting', justification: 'Later' }).expect(201);
    const all = await list(admin.token);
    expect(new Set(all.map((r) => r.status))).toEqual(new Set(['pending', 'approved', 'denied']));
    const createdAt = all.map((r) => r.createdAt);
    expect([...createdAt].sort().reverse()).toEqual(createdAt);
    for (const status of ['pending', 'approved', 'denied']) {
      const some = await list(admin.token, `?status=${status}`);
      expect(some.length).toBeGreaterThan(0);
      expect(some.every((r) => r.status === status)).toBe(true);
    }
    await request(t.server).get(`${REQUESTS}?status=maybe`).set(bearer(admin.token)).expect(400);
    const paged = await request(t.server).get(`${REQUESTS}?limit=1`).set(bearer(admin.token)).expect(200);
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.nextCursor).toEqual(expect.any(String));
  });

  it('answers API tokens with organization:admin, and 403 INSUFFICIENT_SCOPE to the others', async () => {
    const mint = async (scopes: string[]) =>
      (
        await request(t.server)
          .post('/console/v1/me/api-tokens')
          .set(bearer(admin.token))
          .send({ name: `requests ${scopes.join(' ')}`, scopes, expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), password: PASSWORD })
          .expect(201)
      ).body.token as string;
    const [adminScope, readScope] = await Promise.all([mint(['organization:admin']), mint(['credentials:read'])]);
    expect((await list(adminScope)).length).toBeGreaterThan(0);
    const refused = await request(t.server).get(REQUESTS).set(bearer(readScope)).expect(403);
    expect(refused.body.code).toBe('INSUFFICIENT_SCOPE');
    await approve(readScope, '00000000-0000-4000-8000-000000000000').expect(403);
  });

  it('audits each request and decision', async () => {
    const audit = (type: string) => request(t.server).get(`/console/v1/audit?type=${type}`).set(bearer(admin.token)).expect(200);
    const created = (await audit('credential.request.created')).body.items;
    expect(created[created.length - 1]).toMatchObject({
      type: 'credential.request.created',
      actor: { userId: developer.userId },
      target: { kind: 'credential', label: 'Partner sync' },
      data: { clientId: partnerApp.clientId, justification: 'Partner Inc. syncs our invoices', organizationName: 'Partner Inc.' },
    });
    expect((await audit('credential.request.approved')).body.items).toContainEqual(
      expect.objectContaining({
        actor: expect.objectContaining({ userId: admin.userId }),
        data: expect.objectContaining({ note: 'Contract signed' }),
      }),
    );
    expect((await audit('credential.request.denied')).body.items).toContainEqual(
      expect.objectContaining({ data: expect.objectContaining({ note: 'Not a vendor we use' }) }),
    );
  });

  it('sends credential.request.created, approved and denied webhooks', async () => {
    await receiver.waitFor(
      (r) => ['created', 'approved', 'denied'].every((kind) => r.some((x) => x.payload.type === `credential.request.${kind}`)),
      'the three credential.request webhooks',
    );
    expect(receiver.ofType('credential.request.created')[0].payload).toMatchObject({
      data: {
        label: 'Partner sync',
        clientId: partnerApp.clientId,
        requester: { userId: developer.userId },
        justification: 'Partner Inc. syncs our invoices',
      },
    });
    expect(receiver.ofType('credential.request.denied').map((x) => x.payload.data.note)).toContain('Not a vendor we use');
  });
});
