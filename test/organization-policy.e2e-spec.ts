import { Secret, TOTP } from 'otpauth';
import request from 'supertest';
import { ManualClock } from '@latchkey/building-blocks/testing';
import { Scheduler } from '@latchkey/event-store';
import { bearer, join, type Joined, login, PASSWORD, signup, type SignedUp } from './support/console';
import { startTestApp, type TestApp } from './support/test-app';

const DAY = 86_400_000;
const START = Date.parse('2026-06-01T00:00:00.000Z');

const relaxed = {
  maxCredentialLifetimeDays: null,
  requireExpiry: false,
  organizationWideCredentials: { production: true, sandbox: true },
  thirdPartyApps: 'allowed',
  inactiveCredentialRevocationDays: null,
  requireMfa: false,
};

describe('organization policy (e2e, sqlite)', () => {
  let t: TestApp;
  let clock: ManualClock;
  let admin: SignedUp;
  let developer: Joined;
  let partner: SignedUp;
  let ownClientId: string;
  let partnerClientId: string;

  const policyOf = (token: string) => request(t.server).get('/console/v1/organization/policy').set(bearer(token));
  const putPolicy = (token: string, body: unknown, ifMatch?: string) => {
    const req = request(t.server).put('/console/v1/organization/policy').set(bearer(token));
    return (ifMatch ? req.set('if-match', ifMatch) : req).send(body as object);
  };
  const createCredential = (token: string, body: Record<string, unknown>) =>
    request(t.server)
      .post('/console/v1/credentials')
      .set(bearer(token))
      .send({ label: 'CI', environment: 'production', expiresAt: null, allowedApps: { type: 'organization' }, ...body });
  const appClient = async (token: string) =>
    (
      await request(t.server)
        .post('/console/v1/apps')
        .set(bearer(token))
        .send({ name: 'App', scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments: ['production'] })
        .expect(201)
    ).body.clients.production.clientId as string;
  const inDays = (days: number) => new Date(clock.nowMs() + days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

  beforeAll(async () => {
    clock = new ManualClock(START);
    t = await startTestApp({}, { clock });
    [admin, partner] = await Promise.all([signup(t, { organizationName: 'Acme' }), signup(t, { organizationName: 'Partner' })]);
    developer = await join(t, admin, 'developer');
    ownClientId = await appClient(admin.token);
    partnerClientId = await appClient(partner.token);
  });
  afterAll(() => t?.close());

  it('shows every member the defaults at revision 0, with its ETag', async () => {
    const res = await policyOf(developer.token).expect(200);
    expect(res.body).toEqual({ ...relaxed, revision: 0 });
    expect(res.headers.etag).toBe('"0"');
  });

  it('lets only a developer_admin replace it, as a whole: a missing or out-of-range field is a 400', async () => {
    await putPolicy(developer.token, relaxed).expect(403);
    const missing = await putPolicy(admin.token, { ...relaxed, requireMfa: undefined }).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'requireMfa', message: 'requireMfa must be true or false' }]);
    const bad = await putPolicy(admin.token, { ...relaxed, inactiveCredentialRevocationDays: 3, thirdPartyApps: 'sometimes', extra: 1 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'inactiveCredentialRevocationDays', 'thirdPartyApps']);
    await putPolicy(admin.token, { ...relaxed, organizationWideCredentials: { production: true } }).expect(400);
    expect((await policyOf(admin.token)).body.revision).toBe(0);
  });

  it('creates credentials freely under the defaults (some that a stricter policy will break)', async () => {
    await createCredential(developer.token, { label: 'Forever, org-wide' }).expect(201);
    await createCredential(developer.token, {
      label: 'Partner app',
      expiresAt: inDays(30),
      allowedApps: { type: 'specific', clientIds: [partnerClientId] },
    }).expect(201);
    await createCredential(developer.token, {
      label: 'Compliant',
      expiresAt: inDays(30),
      allowedApps: { type: 'specific', clientIds: [ownClientId] },
    }).expect(201);
    const none = await request(t.server).get('/console/v1/organization/policy/violations').set(bearer(admin.token)).expect(200);
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it('stores a stricter policy (If-Match honoured, 412 when stale), audits it, and changes no credential', async () => {
    const strict = {
      maxCredentialLifetimeDays: 90,
      requireExpiry: true,
      organizationWideCredentials: { production: false, sandbox: true },
      thirdPartyApps: 'forbidden',
      inactiveCredentialRevocationDays: 30,
      requireMfa: false, // enforced on sessions: its own test below
    };
    const res = await putPolicy(admin.token, strict, '"0"').expect(200);
    expect(res.body).toEqual({ ...strict, revision: 1 });
    expect(res.headers.etag).toBe('"1"');
    await putPolicy(admin.token, relaxed, '"0"').expect(412);
    expect((await policyOf(developer.token)).body).toEqual({ ...strict, revision: 1 });
    const audit = await request(t.server).get('/console/v1/audit?type=policy.changed').set(bearer(admin.token)).expect(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      type: 'policy.changed',
      actor: { userId: admin.userId },
      target: { kind: 'organization', id: admin.organizationId },
      data: { policy: strict, previous: relaxed },
    });
    const mine = await request(t.server).get('/console/v1/credentials').set(bearer(developer.token)).expect(200);
    expect(mine.body.items.map((c: { status: string }) => c.status)).toEqual(['active', 'active', 'active']);
  });

  it('refuses a creation against the policy with every broken rule in one 422 POLICY_VIOLATION', async () => {
    const res = await createCredential(developer.token, { allowedApps: { type: 'organization' } }).expect(422);
    expect(res.body.code).toBe('POLICY_VIOLATION');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { rule: string; field: string }) => `${e.rule}@${e.field}`)).toEqual([
      'requireExpiry@expiresAt',
      'maxCredentialLifetimeDays@expiresAt',
      'organizationWideCredentials@allowedApps',
    ]);
    const foreign = await createCredential(developer.token, {
      expiresAt: inDays(91),
      allowedApps: { type: 'specific', clientIds: [partnerClientId] },
    }).expect(422);
    expect(foreign.body.errors.map((e: { rule: string }) => e.rule)).toEqual(['maxCredentialLifetimeDays', 'thirdPartyApps']);
    await createCredential(developer.token, {
      label: 'Sandbox is fine',
      environment: 'production',
      expiresAt: inDays(90),
      allowedApps: { type: 'specific', clientIds: [ownClientId] },
    }).expect(201);
  });

  it('checks an update’s expiry and allowed apps, and allow-app, against the policy', async () => {
    const list = (await request(t.server).get('/console/v1/credentials').set(bearer(developer.token)).expect(200)).body.items as {
      id: string;
      label: string;
    }[];
    const compliant = list.find((c) => c.label === 'Compliant')!;
    const patch = await request(t.server)
      .patch(`/console/v1/credentials/${compliant.id}`)
      .set(bearer(developer.token))
      .send({ allowedApps: { type: 'organization' } })
      .expect(422);
    expect(patch.body.errors).toEqual([{ field: 'allowedApps', rule: 'organizationWideCredentials', message: expect.any(String) }]);
    const allow = await request(t.server)
      .post(`/console/v1/credentials/${compliant.id}/allowed-apps`)
      .set(bearer(developer.token))
      .send({ clientId: partnerClientId })
      .expect(422);
    expect(allow.body.errors).toEqual([{ field: 'clientId', rule: 'thirdPartyApps', message: expect.stringContaining(partnerClientId) }]);
    await request(t.server)
      .patch(`/console/v1/credentials/${compliant.id}`)
      .set(bearer(developer.token))
      .send({ label: 'Still compliant' })
      .expect(200);
  });

  it('lists the credentials that break the policy and why, for admins only, then revokes them all with reason policy', async () => {
    await request(t.server).get('/console/v1/organization/policy/violations').set(bearer(developer.token)).expect(403);
    const res = await request(t.server).get('/console/v1/organization/policy/violations').set(bearer(admin.token)).expect(200);
    const byLabel = Object.fromEntries(
      res.body.items.map((i: { credential: { label: string }; violations: { rule: string }[] }) => [
        i.credential.label,
        i.violations.map((v) => v.rule),
      ]),
    );
    expect(byLabel).toEqual({
      'Forever, org-wide': ['requireExpiry', 'maxCredentialLifetimeDays', 'organizationWideCredentials'],
      'Partner app': ['thirdPartyApps'],
    });
    await request(t.server).post('/console/v1/organization/policy/violations/revoke').set(bearer(developer.token)).expect(403);
    const revoked = await request(t.server).post('/console/v1/organization/policy/violations/revoke').set(bearer(admin.token)).expect(200);
    expect(
      revoked.body.items.map((c: { label: string; status: string; revocationReason: string }) => [c.label, c.status, c.revocationReason]).sort(),
    ).toEqual([
      ['Forever, org-wide', 'revoked', 'policy'],
      ['Partner app', 'revoked', 'policy'],
    ]);
    expect((await request(t.server).get('/console/v1/organization/policy/violations').set(bearer(admin.token))).body.items).toEqual([]);
    const audit = await request(t.server).get('/console/v1/audit?type=credential.revoked').set(bearer(admin.token)).expect(200);
    expect(
      audit.body.items.map((e: { actor: { userId: string }; data: { revocationReason: string } }) => [e.actor.userId, e.data.revocationReason]),
    ).toEqual([
      [admin.userId, 'policy'],
      [admin.userId, 'policy'],
    ]);
  });

  it('shows who revoked a credential: the owner, or an admin', async () => {
    const own = (
      await createCredential(developer.token, {
        label: 'Mine',
        expiresAt: inDays(10),
        allowedApps: { type: 'specific', clientIds: [ownClientId] },
      }).expect(201)
    ).body.credential;
    const other = (
      await createCredential(developer.token, {
        label: 'Admin’s',
        expiresAt: inDays(10),
        allowedApps: { type: 'specific', clientIds: [ownClientId] },
      }).expect(201)
    ).body.credential;
    expect(own.revocationReason).toBeNull();
    const byOwner = await request(t.server).post(`/console/v1/credentials/${own.id}/revoke`).set(bearer(developer.token)).send({}).expect(200);
    const byAdmin = await request(t.server).post(`/console/v1/credentials/${other.id}/revoke`).set(bearer(admin.token)).send({}).expect(200);
    expect([byOwner.body.revocationReason, byAdmin.body.revocationReason]).toEqual(['owner', 'admin']);
  });

  it('gives an unused credential its notice 7 days before, then revokes it with reason inactive (actor null), audited', async () => {
    const scheduler = t.app.get(Scheduler);
    const idle = (
      await createCredential(developer.token, {
        label: 'Idle',
        expiresAt: inDays(90),
        allowedApps: { type: 'specific', clientIds: [ownClientId] },
      }).expect(201)
    ).body.credential;
    const created = clock.nowMs();
    clock.set(created + 23 * DAY - 60_000);
    await scheduler.runDue();
    // Sessions expire as the clock moves on: the admin signs in again.
    let token = await login(t, admin.email);
    const history = async () =>
      (await request(t.server).get(`/console/v1/credentials/${idle.id}/history`).set(bearer(token)).expect(200)).body.items.map(
        (e: { type: string }) => e.type,
      );
    expect(await history()).not.toContain('CredentialInactivityNoticed');
    clock.set(created + 23 * DAY);
    await scheduler.runDue();
    await scheduler.runDue();
    token = await login(t, admin.email);
    expect((await history()).filter((type: string) => type === 'CredentialInactivityNoticed')).toHaveLength(1);
    const notice = await request(t.server).get(`/console/v1/audit?type=credential.inactive&credentialId=${idle.id}`).set(bearer(token)).expect(200);
    expect(notice.body.items).toMatchObject([{ type: 'credential.inactive', actor: null, target: { id: idle.id } }]);
    clock.set(created + 30 * DAY);
    await scheduler.runDue();
    token = await login(t, admin.email);
    const after = await request(t.server).get(`/console/v1/credentials/${idle.id}`).set(bearer(token)).expect(200);
    expect(after.body).toMatchObject({ status: 'revoked', revocationReason: 'inactive' });
    const audit = await request(t.server).get(`/console/v1/audit?type=credential.revoked&credentialId=${idle.id}`).set(bearer(token)).expect(200);
    expect(audit.body.items).toMatchObject([{ actor: null, data: { revocationReason: 'inactive' } }]);
  });

  it('with requireMfa, blocks sessions of members without TOTP but their account security, never API tokens, until they enrol', async () => {
    const strict = await signup(t, { organizationName: 'Strict' });
    const member = await join(t, strict, 'developer');
    const tokenOf = await request(t.server)
      .post('/console/v1/me/api-tokens')
      .set(bearer(member.token))
      .send({ name: 'inventory', scopes: ['credentials:read'], expiresAt: inDays(30), password: PASSWORD })
      .expect(201);
    await putPolicy(strict.token, { ...relaxed, requireMfa: true }).expect(200);

    const blocked = await request(t.server).get('/console/v1/credentials').set(bearer(member.token)).expect(403);
    expect(blocked.body.code).toBe('MFA_ENROLMENT_REQUIRED');
    // The administrator who set it is held to it too, until they enrol.
    expect((await policyOf(strict.token).expect(403)).body.code).toBe('MFA_ENROLMENT_REQUIRED');
    await request(t.server).get('/console/v1/me').set(bearer(member.token)).expect(200);
    await request(t.server).get('/console/v1/credentials').set(bearer(tokenOf.body.token)).expect(200);

    const enrolled = await request(t.server).post('/console/v1/me/mfa/totp').set(bearer(member.token)).expect(201);
    const code = new TOTP({ secret: Secret.fromBase32(enrolled.body.secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
      timestamp: clock.nowMs(),
    });
    await request(t.server).post('/console/v1/me/mfa/totp/confirm').set(bearer(member.token)).send({ code }).expect(200);
    await request(t.server).get('/console/v1/credentials').set(bearer(member.token)).expect(200);
    // Other organizations are not affected.
    await policyOf(await login(t, partner.email)).expect(200);
  });

  it('documents the routes in the OpenAPI description', async () => {
    const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/console/v1/organization/policy',
        '/console/v1/organization/policy/violations',
        '/console/v1/organization/policy/violations/revoke',
      ]),
    );
    expect(doc.paths['/console/v1/organization/policy'].put.responses['412'].description).toContain('REVISION_MISMATCH');
  });
});
