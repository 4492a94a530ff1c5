import { createHash, randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore, type IntegrationEvent, IntegrationEventBus, ProjectionRunner } from '@latchkey/event-store';
import { Clock } from '@latchkey/building-blocks';
import { MEMBER_REMOVED, MEMBER_ROLE_CHANGED, PERMISSIONS } from '@latchkey/organizations';
import { PASSWORD, bearer, join, login, signup, type Joined, type SignedUp, uniqueEmail } from './support/console';
import { startTestApp, type TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('organizations, members and invitations (e2e, sqlite)', () => {
  let t: TestApp;
  let admin: SignedUp;
  let other: SignedUp;
  let developer: Joined;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, other] = await Promise.all([signup(t, { organizationName: 'Acme' }), signup(t, { organizationName: 'Globex' })]);
    developer = await join(t, admin, 'developer', { name: 'Dev Eloper' });
  });
  afterAll(() => t?.close());

  afterEach(() => jest.restoreAllMocks());

  it('documents its routes, roles and error codes in the OpenAPI description', async () => {
    const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/console/v1/signup',
        '/console/v1/me',
        '/console/v1/organization',
        '/console/v1/organization/members',
        '/console/v1/organization/members/{userId}',
        '/console/v1/organization/invitations',
        '/console/v1/invitations/{token}/accept',
      ]),
    );
    const patch = doc.paths['/console/v1/organization/members/{userId}'].patch;
    expect(patch.security).toEqual([{ session: [] }]);
    expect(patch.responses['409'].description).toContain('LAST_DEVELOPER_ADMIN');
    expect(patch.responses['403'].description).toContain('DEVELOPER_ADMIN_REQUIRED');
    expect(JSON.stringify(doc.components.schemas.CreateInvitationDto)).toContain("the role's defaults");
    expect(doc.components.schemas.ProblemSchema).toBeDefined();
  });

  describe('signup and me', () => {
    it('makes the new user the developer_admin of a new organization, with every permission', async () => {
      const res = await request(t.server).get('/console/v1/me').set(bearer(admin.token)).expect(200);
      expect(res.body).toEqual({
        id: admin.userId,
        email: admin.email,
        name: 'Ann Admin',
        kind: 'person',
        organizationId: admin.organizationId,
        role: 'developer_admin',
        permissions: [...PERMISSIONS],
        accounts: { production: { userId: expect.any(String) }, sandbox: null },
        mfa: { totp: false },
      });
    });

    it('answers signup with the user, the organization and a session', async () => {
      // The beforeAll signups' answers (each signup costs a password hash).
      expect(admin.body).toEqual({
        user: { id: expect.any(String), email: admin.email, name: 'Ann Admin' },
        organization: { id: expect.any(String), name: 'Acme' },
        session: { token: expect.any(String), expiresAt: expect.any(String) },
      });
      expect(Date.parse(admin.body.session.expiresAt)).toBeGreaterThan(Date.now());
      const org = await request(t.server).get('/console/v1/organization').set(bearer(admin.token)).expect(200);
      expect(org.body).toEqual({ id: admin.organizationId, name: 'Acme' });
      const otherOrg = await request(t.server).get('/console/v1/organization').set(bearer(other.token)).expect(200);
      expect(otherOrg.body).toEqual({ id: other.organizationId, name: 'Globex' });
    });

    it('refuses a taken email with 409 EMAIL_TAKEN', async () => {
      const res = await request(t.server)
        .post('/console/v1/signup')
        .send({ email: admin.email, password: PASSWORD, name: 'Again', organizationName: 'Acme 2' })
        .expect(409);
      expect(res.body).toMatchObject({ status: 409, code: 'EMAIL_TAKEN' });
    });

    it('validates the body: unknown fields and a missing organization name are 400 with field errors', async () => {
      const unknown = await request(t.server)
        .post('/console/v1/signup')
        .send({ email: uniqueEmail(), password: PASSWORD, name: 'X', organizationName: 'Y', role: 'developer_admin' })
        .expect(400);
      expect(unknown.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'role', message: 'role is not a known field' }] });
      const missing = await request(t.server)
        .post('/console/v1/signup')
        .send({ email: uniqueEmail(), password: PASSWORD, name: 'X', organizationName: '  ' })
        .expect(400);
      expect(missing.body.errors).toEqual([{ field: 'organizationName', message: expect.any(String) }]);
    });

    it('requires a session for me, the organization and the members', async () => {
      for (const path of ['/console/v1/me', '/console/v1/organization', '/console/v1/organization/members']) {
        const res = await request(t.server).get(path).set(bearer('not-a-session-token'));
        expect(res.status).toBe(401);
        await request(t.server).get(path).expect(401);
      }
    });
  });

  describe('invitations', () => {
    it('invites with the role’s default permissions, valid for seven days, and the invitee joins with them', async () => {
      const before = Date.now();
      const email = uniqueEmail('newbie');
      const invitation = await request(t.server)
        .post('/console/v1/organization/invitations')
        .set(bearer(admin.token))
        .send({ email: email.toUpperCase(), role: 'user' })
        .expect(201);
      expect(invitation.body).toEqual({
        id: expect.any(String),
        email,
        role: 'user',
        permissions: ['ReadAccounts', 'ReadExtensions'],
        token: expect.stringMatching(/^[A-Za-z0-9_-]{43,}$/),
        expiresAt: expect.any(String),
      });
      const lifetime = Date.parse(invitation.body.expiresAt) - before;
      expect(lifetime).toBeGreaterThan(7 * DAY_MS - 60_000);
      expect(lifetime).toBeLessThanOrEqual(7 * DAY_MS + 60_000);

      // A weak password fails registration and leaves the invitation usable.
      const weak = await request(t.server)
        .post(`/console/v1/invitations/${invitation.body.token}/accept`)
        .send({ name: 'New Bie', password: 'short' })
        .expect(400);
      expect(weak.body.errors).toEqual([{ field: 'password', message: expect.any(String) }]);

      const accepted = await request(t.server)
        .post(`/console/v1/invitations/${invitation.body.token}/accept`)
        .send({ name: 'New Bie', password: PASSWORD })
        .expect(201);
      expect(accepted.body).toEqual({
        user: { id: expect.any(String), email, name: 'New Bie' },
        session: { token: expect.any(String), expiresAt: expect.any(String) },
      });
      const me = await request(t.server).get('/console/v1/me').set(bearer(accepted.body.session.token)).expect(200);
      expect(me.body).toMatchObject({ organizationId: admin.organizationId, role: 'user', permissions: ['ReadAccounts', 'ReadExtensions'] });

      const again = await request(t.server)
        .post(`/console/v1/invitations/${invitation.body.token}/accept`)
        .send({ name: 'Someone', password: PASSWORD })
        .expect(404);
      expect(again.body.code).toBe('INVITATION_NOT_FOUND');
    });

    it('gives a developer invited without permissions the role’s defaults', async () => {
      const me = await request(t.server).get('/console/v1/me').set(bearer(developer.token)).expect(200);
      expect(me.body).toMatchObject({ name: 'Dev Eloper', role: 'developer', permissions: ['ReadAccounts', 'ReadExtensions'] });
    });

    it('answers 404 for an unknown token', async () => {
      const res = await request(t.server).post('/console/v1/invitations/no-such-token/accept').send({ name: 'X', password: PASSWORD }).expect(404);
      expect(res.body.code).toBe('INVITATION_NOT_FOUND');
    });

    it('answers 410 once the invitation has expired', async () => {
      const invitation = await request(t.server)
        .post('/console/v1/organization/invitations')
        .set(bearer(admin.token))
        .send({ email: uniqueEmail('late'), role: 'developer', permissions: ['ReadAccounts'] })
        .expect(201);
      const clock = t.app.get(Clock);
      jest.spyOn(clock, 'nowMs').mockReturnValue(Date.parse(invitation.body.expiresAt) + 1000);
      const res = await request(t.server)
        .post(`/console/v1/invitations/${invitation.body.token}/accept`)
        .send({ name: 'Late', password: PASSWORD })
        .expect(410);
      expect(res.body.code).toBe('INVITATION_EXPIRED');
    });

    it('lets only one of several concurrent acceptances win', async () => {
      const invitation = await request(t.server)
        .post('/console/v1/organization/invitations')
        .set(bearer(admin.token))
        .send({ email: uniqueEmail('racer'), role: 'user' })
        .expect(201);
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          request(t.server)
            .post(`/console/v1/invitations/${invitation.body.token}/accept`)
            .send({ name: `Racer ${i}`, password: PASSWORD }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 404, 404, 404]);
      for (const r of results.filter((x) => x.status === 404)) expect(r.body.code).toBe('INVITATION_NOT_FOUND');
    });

    it('answers 409 EMAIL_TAKEN when a user with the invited email exists, and keeps the invitation open', async () => {
      const invitation = await request(t.server)
        .post('/console/v1/organization/invitations')
        .set(bearer(admin.token))
        .send({ email: other.email, role: 'user' })
        .expect(201);
      for (let i = 0; i < 2; i++) {
        const res = await request(t.server)
          .post(`/console/v1/invitations/${invitation.body.token}/accept`)
          .send({ name: 'Gus', password: PASSWORD })
          .expect(409);
        expect(res.body.code).toBe('EMAIL_TAKEN');
      }
    });

    it('refuses to invite an existing member’s email', async () => {
      const res = await request(t.server)
        .post('/console/v1/organization/invitations')
        .set(bearer(admin.token))
        .send({ email: developer.email, role: 'user' })
        .expect(409);
      expect(res.body.code).toBe('ALREADY_A_MEMBER');
    });

    it('is for developer admins only', async () => {
      const res = await request(t.server)
        .post('/console/v1/organization/invitations')
        .set(bearer(developer.token))
        .send({ email: uniqueEmail(), role: 'user' })
        .expect(403);
      expect(res.body.code).toBe('DEVELOPER_ADMIN_REQUIRED');
    });

    it.each([
      ['an unknown field', { email: 'x@example.test', role: 'user', admin: true }, 'admin'],
      ['an unknown role', { email: 'x@example.test', role: 'owner' }, 'role'],
      ['a permission outside the catalog', { email: 'x@example.test', role: 'user', permissions: ['Root'] }, 'permissions'],
      ['duplicate permissions', { email: 'x@example.test', role: 'user', permissions: ['ReadAccounts', 'ReadAccounts'] }, 'permissions'],
      ['a malformed email', { email: 'not-an-email', role: 'user' }, 'email'],
    ])('refuses %s with 400', async (_case, body, field) => {
      const res = await request(t.server).post('/console/v1/organization/invitations').set(bearer(admin.token)).send(body).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    });

    it('validates the accept body', async () => {
      const res = await request(t.server)
        .post('/console/v1/invitations/whatever/accept')
        .send({ name: 'X', password: PASSWORD, role: 'developer_admin' })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'role', message: 'role is not a known field' }]);
    });
  });

  describe('members', () => {
    it('lists the organization’s members, paginated, and only theirs', async () => {
      const all = await request(t.server).get('/console/v1/organization/members').set(bearer(developer.token)).expect(200);
      expect(all.body.nextCursor).toBeNull();
      expect(all.body.items[0]).toEqual({
        userId: admin.userId,
        kind: 'person',
        email: admin.email,
        name: 'Ann Admin',
        role: 'developer_admin',
        permissions: [...PERMISSIONS],
        status: 'active',
      });
      expect(all.body.items).toContainEqual(expect.objectContaining({ userId: developer.userId, role: 'developer', status: 'active' }));
      expect(all.body.items.map((m: { userId: string }) => m.userId)).not.toContain(other.userId);

      const first = await request(t.server).get('/console/v1/organization/members?limit=1').set(bearer(admin.token)).expect(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await request(t.server)
        .get(`/console/v1/organization/members?limit=1&cursor=${first.body.nextCursor}`)
        .set(bearer(admin.token))
        .expect(200);
      expect(second.body.items[0].userId).toBe(all.body.items[1].userId);

      const globex = await request(t.server).get('/console/v1/organization/members').set(bearer(other.token)).expect(200);
      expect(globex.body.items.map((m: { userId: string }) => m.userId)).toEqual([other.userId]);
    });

    it('rejects bad list parameters with 400', async () => {
      await request(t.server).get('/console/v1/organization/members?limit=0').set(bearer(admin.token)).expect(400);
      await request(t.server).get('/console/v1/organization/members?limit=abc').set(bearer(admin.token)).expect(400);
      const cursor = await request(t.server).get('/console/v1/organization/members?cursor=bogus').set(bearer(admin.token)).expect(400);
      expect(cursor.body.code).toBe('INVALID_CURSOR');
    });

    it('lets a developer_admin change a member’s role and permissions; a GET right after sees it', async () => {
      const member = await join(t, admin, 'user', { name: 'Uma User' });
      const res = await request(t.server)
        .patch(`/console/v1/organization/members/${member.userId}`)
        .set(bearer(admin.token))
        .send({ role: 'developer', permissions: ['EditAccounts', 'ReadAccounts'] })
        .expect(200);
      expect(res.body).toEqual({
        userId: member.userId,
        kind: 'person',
        email: member.email,
        name: 'Uma User',
        role: 'developer',
        permissions: ['ReadAccounts', 'EditAccounts'],
        status: 'active',
      });
      const me = await request(t.server).get('/console/v1/me').set(bearer(member.token)).expect(200);
      expect(me.body).toMatchObject({ role: 'developer', permissions: ['ReadAccounts', 'EditAccounts'] });

      const onlyPermissions = await request(t.server)
        .patch(`/console/v1/organization/members/${member.userId}`)
        .set(bearer(admin.token))
        .send({ permissions: [] })
        .expect(200);
      expect(onlyPermissions.body).toMatchObject({ role: 'developer', permissions: [] });
    });

    it('refuses member changes from non-admins (403) and for another organization’s member (404)', async () => {
      const notAdmin = await request(t.server)
        .patch(`/console/v1/organization/members/${admin.userId}`)
        .set(bearer(developer.token))
        .send({ role: 'user' })
        .expect(403);
      expect(notAdmin.body.code).toBe('DEVELOPER_ADMIN_REQUIRED');
      const notAdminDelete = await request(t.server)
        .delete(`/console/v1/organization/members/${admin.userId}`)
        .set(bearer(developer.token))
        .expect(403);
      expect(notAdminDelete.body.code).toBe('DEVELOPER_ADMIN_REQUIRED');

      const foreign = await request(t.server)
        .patch(`/console/v1/organization/members/${other.userId}`)
        .set(bearer(admin.token))
        .send({ role: 'user' })
        .expect(404);
      expect(foreign.body.code).toBe('MEMBER_NOT_FOUND');
      const foreignDelete = await request(t.server).delete(`/console/v1/organization/members/${other.userId}`).set(bearer(admin.token)).expect(404);
      expect(foreignDelete.body.code).toBe('MEMBER_NOT_FOUND');
      await request(t.server).delete('/console/v1/organization/members/no-such-user').set(bearer(admin.token)).expect(404);
    });

    it('validates member changes', async () => {
      const unknown = await request(t.server)
        .patch(`/console/v1/organization/members/${developer.userId}`)
        .set(bearer(admin.token))
        .send({ status: 'active' })
        .expect(400);
      expect(unknown.body.errors).toEqual([{ field: 'status', message: 'status is not a known field' }]);
      const permission = await request(t.server)
        .patch(`/console/v1/organization/members/${developer.userId}`)
        .set(bearer(admin.token))
        .send({ permissions: ['ReadAccounts', 'Superpowers'] })
        .expect(400);
      expect(permission.body.errors.map((e: { field: string }) => e.field)).toEqual(['permissions']);
      await request(t.server)
        .patch(`/console/v1/organization/members/${developer.userId}`)
        .set(bearer(admin.token))
        .send({ role: 'root' })
        .expect(400);
    });

    it('never leaves the organization without a developer_admin', async () => {
      const demote = await request(t.server)
        .patch(`/console/v1/organization/members/${other.userId}`)
        .set(bearer(other.token))
        .send({ role: 'developer' })
        .expect(409);
      expect(demote.body.code).toBe('LAST_DEVELOPER_ADMIN');
      const leave = await request(t.server).delete(`/console/v1/organization/members/${other.userId}`).set(bearer(other.token)).expect(409);
      expect(leave.body.code).toBe('LAST_DEVELOPER_ADMIN');
      const me = await request(t.server).get('/console/v1/me').set(bearer(other.token)).expect(200);
      expect(me.body.role).toBe('developer_admin');
    });

    it('removes a member: 204, their session is refused at once, and they show as removed', async () => {
      const member = await join(t, admin, 'developer');
      await request(t.server).get('/console/v1/me').set(bearer(member.token)).expect(200);

      // Slow the reactions down: the answer must still wait for them.
      const bus = t.app.get(IntegrationEventBus);
      const publish = bus.publish.bind(bus);
      const published: IntegrationEvent[] = [];
      jest.spyOn(bus, 'publish').mockImplementation(async (event) => {
        published.push(event);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await publish(event);
      });

      await request(t.server).delete(`/console/v1/organization/members/${member.userId}`).set(bearer(admin.token)).expect(204);
      expect(published).toEqual([
        {
          type: MEMBER_REMOVED,
          organizationId: admin.organizationId,
          userId: member.userId,
          removedBy: { userId: admin.userId, email: admin.email },
          at: expect.any(String),
          position: expect.any(Number),
        },
      ]);

      await request(t.server).get('/console/v1/me').set(bearer(member.token)).expect(401);
      await request(t.server).get('/console/v1/organization').set(bearer(member.token)).expect(401);
      // The user is deactivated in identity, once, with the admin who removed them as actor.
      const userEvents = await t.app.get<symbol, EventStore>(EVENT_STORE).readStream(`user-${member.userId}`);
      expect(userEvents.filter((e) => e.type === 'UserDeactivated')).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({ reason: 'member_removed' }),
          metadata: expect.objectContaining({ actor: { userId: admin.userId, email: admin.email } }),
        }),
      ]);
      const list = await request(t.server).get('/console/v1/organization/members?limit=500').set(bearer(admin.token)).expect(200);
      expect(list.body.items).toContainEqual(expect.objectContaining({ userId: member.userId, status: 'removed' }));
      const again = await request(t.server).delete(`/console/v1/organization/members/${member.userId}`).set(bearer(admin.token)).expect(404);
      expect(again.body.code).toBe('MEMBER_NOT_FOUND');
      await request(t.server).patch(`/console/v1/organization/members/${member.userId}`).set(bearer(admin.token)).send({ role: 'user' }).expect(404);
    });

    it('lets an admin step down once another admin exists', async () => {
      const second = await join(t, other, 'developer_admin');
      const res = await request(t.server)
        .patch(`/console/v1/organization/members/${other.userId}`)
        .set(bearer(other.token))
        .send({ role: 'developer' })
        .expect(200);
      expect(res.body).toMatchObject({ userId: other.userId, role: 'developer' });
      // The former admin is now a developer: admin-only routes refuse them.
      const refused = await request(t.server)
        .patch(`/console/v1/organization/members/${second.userId}`)
        .set(bearer(other.token))
        .send({ role: 'user' })
        .expect(403);
      expect(refused.body.code).toBe('DEVELOPER_ADMIN_REQUIRED');
      const last = await request(t.server).delete(`/console/v1/organization/members/${second.userId}`).set(bearer(second.token)).expect(409);
      expect(last.body.code).toBe('LAST_DEVELOPER_ADMIN');
    });
  });

  describe('invitations: listing, cancelling, and inviters who lose their role', () => {
    const INVITATIONS = '/console/v1/organization/invitations';
    /** An admin of another organization. */
    let outsider: SignedUp;
    beforeAll(async () => {
      outsider = await signup(t, { organizationName: 'Initech' });
    });
    const invite = (token: string, body: Record<string, unknown>) => request(t.server).post(INVITATIONS).set(bearer(token)).send(body);
    const accept = (token: string, name = 'New Comer') =>
      request(t.server).post(`/console/v1/invitations/${token}/accept`).send({ name, password: PASSWORD });
    const listed = async (token: string, query = '') =>
      (await request(t.server).get(`${INVITATIONS}?limit=500${query}`).set(bearer(token)).expect(200)).body;
    /** An answer as a client compares it: every problem quotes its own request's id, nothing else differs. */
    const answerOf = (res: request.Response) => {
      const { requestId: _requestId, ...body } = res.body as Record<string, unknown>;
      return { status: res.status, body };
    };
    const unknownTokenAnswer = async () => answerOf(await accept('no-such-token'));
    const memberEmails = async (token: string) =>
      (await request(t.server).get('/console/v1/organization/members?limit=500').set(bearer(token)).expect(200)).body.items.map(
        (m: { email: string }) => m.email,
      );

    it('lists the organization’s invitations to developer_admins, newest first, with their inviter and status, never the token', async () => {
      const pendingEmail = uniqueEmail('listed');
      const before = Date.now();
      const pending = (await invite(admin.token, { email: pendingEmail, role: 'developer' }).expect(201)).body;
      const acceptedOne = (await invite(admin.token, { email: uniqueEmail('listed-accepted'), role: 'user' }).expect(201)).body;
      await accept(acceptedOne.token).expect(201);
      const cancelledOne = (await invite(admin.token, { email: uniqueEmail('listed-cancelled'), role: 'user' }).expect(201)).body;
      await request(t.server).delete(`${INVITATIONS}/${cancelledOne.id}`).set(bearer(admin.token)).expect(204);

      const all = await listed(admin.token);
      expect(all.nextCursor).toBeNull();
      expect(all.items.slice(0, 3).map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
        [cancelledOne.id, 'cancelled'],
        [acceptedOne.id, 'accepted'],
        [pending.id, 'pending'],
      ]);
      expect(all.items[2]).toEqual({
        id: pending.id,
        email: pendingEmail,
        role: 'developer',
        permissions: ['ReadAccounts', 'ReadExtensions'],
        invitedBy: { userId: admin.userId, email: admin.email },
        createdAt: expect.any(String),
        expiresAt: pending.expiresAt,
        status: 'pending',
      });
      expect(Date.parse(all.items[2].createdAt)).toBeGreaterThanOrEqual(before - 1000);
      const text = JSON.stringify(all);
      for (const token of [pending.token, acceptedOne.token, cancelledOne.token]) expect(text).not.toContain(token);

      const onlyPending = await listed(admin.token, '&status=pending');
      expect(onlyPending.items.every((i: { status: string }) => i.status === 'pending')).toBe(true);
      expect(onlyPending.items.map((i: { id: string }) => i.id)).toContain(pending.id);
      expect((await listed(admin.token, '&status=accepted')).items.map((i: { id: string }) => i.id)).toContain(acceptedOne.id);
      expect((await listed(admin.token, '&status=cancelled')).items.map((i: { id: string }) => i.id)).toEqual([cancelledOne.id]);

      const first = (await request(t.server).get(`${INVITATIONS}?limit=1`).set(bearer(admin.token)).expect(200)).body;
      expect(first.items.map((i: { id: string }) => i.id)).toEqual([cancelledOne.id]);
      const second = (await request(t.server).get(`${INVITATIONS}?limit=1&cursor=${first.nextCursor}`).set(bearer(admin.token)).expect(200)).body;
      expect(second.items.map((i: { id: string }) => i.id)).toEqual([acceptedOne.id]);

      // Another organization sees none of them; a developer may not list.
      expect((await listed(outsider.token)).items.map((i: { id: string }) => i.id)).not.toContain(pending.id);
      const refused = await request(t.server).get(INVITATIONS).set(bearer(developer.token)).expect(403);
      expect(refused.body.code).toBe('DEVELOPER_ADMIN_REQUIRED');
      const bad = await request(t.server).get(`${INVITATIONS}?status=open`).set(bearer(admin.token)).expect(400);
      expect(bad.body.errors).toEqual([{ field: 'status', message: 'status must be one of pending, accepted, cancelled, expired' }]);
    });

    it('shows a pending invitation past its expiry as expired', async () => {
      const invitation = (await invite(admin.token, { email: uniqueEmail('expiring'), role: 'user' }).expect(201)).body;
      jest.spyOn(t.app.get(Clock), 'nowMs').mockReturnValue(Date.parse(invitation.expiresAt) + 1000);
      // Seven days on, the admin signs in again (sessions last 12 hours).
      const token = await login(t, admin.email);
      const expired = await listed(token, '&status=expired');
      expect(expired.items.map((i: { id: string }) => i.id)).toContain(invitation.id);
      expect((await listed(token, '&status=pending')).items.map((i: { id: string }) => i.id)).not.toContain(invitation.id);
    });

    it('cancels an invitation: 204, its token is then answered 404 like an unknown one, and it is listed cancelled', async () => {
      const email = uniqueEmail('cancelled');
      const invitation = (await invite(admin.token, { email, role: 'developer' }).expect(201)).body;
      // Another organization's admin does not find it, and changes nothing.
      const foreign = await request(t.server).delete(`${INVITATIONS}/${invitation.id}`).set(bearer(outsider.token)).expect(404);
      expect(foreign.body.code).toBe('INVITATION_NOT_FOUND');
      const notAdmin = await request(t.server).delete(`${INVITATIONS}/${invitation.id}`).set(bearer(developer.token)).expect(403);
      expect(notAdmin.body.code).toBe('DEVELOPER_ADMIN_REQUIRED');

      await request(t.server).delete(`${INVITATIONS}/${invitation.id}`).set(bearer(admin.token)).expect(204);
      const dead = await accept(invitation.token);
      expect(answerOf(dead)).toEqual(await unknownTokenAnswer());
      expect(await memberEmails(admin.token)).not.toContain(email);
      expect((await listed(admin.token, '&status=cancelled')).items.map((i: { id: string }) => i.id)).toContain(invitation.id);
      // Again: nothing more to do.
      await request(t.server).delete(`${INVITATIONS}/${invitation.id}`).set(bearer(admin.token)).expect(204);
    });

    it('answers 404 for an unknown or malformed id, and 409 for an accepted invitation', async () => {
      for (const id of [randomUUID(), 'not-a-uuid', '..%2F..%2Fmembers']) {
        const res = await request(t.server).delete(`${INVITATIONS}/${id}`).set(bearer(admin.token)).expect(404);
        expect(res.body.code).toBe('INVITATION_NOT_FOUND');
      }
      const invitation = (await invite(admin.token, { email: uniqueEmail('taken-up'), role: 'user' }).expect(201)).body;
      await accept(invitation.token).expect(201);
      const res = await request(t.server).delete(`${INVITATIONS}/${invitation.id}`).set(bearer(admin.token)).expect(409);
      expect(res.body.code).toBe('INVITATION_ALREADY_ACCEPTED');
    });

    describe.each([
      [
        'removed',
        (b: Joined) => request(t.server).delete(`/console/v1/organization/members/${b.userId}`).set(bearer(admin.token)).expect(204),
        'inviter_removed',
      ],
      [
        'demoted to developer',
        (b: Joined) =>
          request(t.server).patch(`/console/v1/organization/members/${b.userId}`).set(bearer(admin.token)).send({ role: 'developer' }).expect(200),
        'inviter_demoted',
      ],
      [
        'demoted to user',
        (b: Joined) =>
          request(t.server).patch(`/console/v1/organization/members/${b.userId}`).set(bearer(admin.token)).send({ role: 'user' }).expect(200),
        'inviter_demoted',
      ],
    ])('an admin who is %s', (_case, loseRole, reason) => {
      it('cannot bring anyone in with a token they kept: it answers 404 and the newcomer never joins', async () => {
        // A second admin invites an address of theirs as developer_admin, and keeps the token.
        const mallory = await join(t, admin, 'developer_admin', { name: 'Mallory' });
        const newcomer = uniqueEmail('newcomer');
        const kept = (await invite(mallory.token, { email: newcomer, role: 'developer_admin' }).expect(201)).body;
        const unrelated = (await invite(admin.token, { email: uniqueEmail('unrelated'), role: 'user' }).expect(201)).body;

        await loseRole(mallory);

        const res = await accept(kept.token, 'Sleeper');
        expect(answerOf(res)).toEqual(await unknownTokenAnswer());
        expect(await memberEmails(admin.token)).not.toContain(newcomer);
        await request(t.server).post('/console/v1/sessions').send({ email: newcomer, password: PASSWORD }).expect(401);

        // The reaction cancelled it before the change answered; others' invitations are untouched.
        const items = (await listed(admin.token)).items as { id: string; status: string }[];
        expect(items.find((i) => i.id === kept.id)?.status).toBe('cancelled');
        expect(items.find((i) => i.id === unrelated.id)?.status).toBe('pending');
        const events = await t.app.get<symbol, EventStore>(EVENT_STORE).readStream(`invitation-${kept.id}`);
        expect(events.map((e) => e.type)).toEqual(['InvitationCreated', 'InvitationCancelled']);
        expect(events[1].data).toMatchObject({ reason });
        expect(events[1].metadata.actor).toEqual({ userId: admin.userId, email: admin.email });
      });
    });

    it('refuses acceptance when the inviter lost their role but the invitation was not (yet) cancelled', async () => {
      const mallory = await join(t, admin, 'developer_admin', { name: 'Mallory Two' });
      const newcomer = uniqueEmail('racer');
      const kept = (await invite(mallory.token, { email: newcomer, role: 'developer_admin' }).expect(201)).body;
      // The cancelling reaction is held back (its appends fail, so it is retried): only acceptance's own
      // check of the inviter stands between the kept token and the organization.
      const store = t.app.get<symbol, EventStore>(EVENT_STORE);
      const appendToStream = store.appendToStream.bind(store);
      const held = jest
        .spyOn(store, 'appendToStream')
        .mockImplementation((stream, events, options) =>
          events.some((e) => e.type === 'InvitationCancelled') ? Promise.reject(new Error('held back')) : appendToStream(stream, events, options),
        );
      const demotion = request(t.server).patch(`/console/v1/organization/members/${mallory.userId}`).set(bearer(admin.token)).send({ role: 'user' });
      const demoted = demotion.then((r) => r.status);
      // Wait until the membership read model shows the demotion (the PATCH itself waits for the held-back reaction).
      for (let i = 0; i < 200; i++) {
        const me = await request(t.server).get('/console/v1/me').set(bearer(mallory.token));
        if (me.body.role === 'user') break;
        await new Promise((r) => setTimeout(r, 25));
      }
      const res = await accept(kept.token, 'Sleeper');
      expect(answerOf(res)).toEqual(await unknownTokenAnswer());
      expect(await memberEmails(admin.token)).not.toContain(newcomer);
      held.mockRestore();
      expect(await demoted).toBe(200);
    });

    it('lists invitations issued before inviters were recorded with no inviter: they can be cancelled, not accepted', async () => {
      const token = `legacy-${randomUUID()}`;
      const invitationId = randomUUID();
      const store = t.app.get<symbol, EventStore>(EVENT_STORE);
      const now = Date.now();
      const { position } = await store.appendToStream(
        `invitation-${invitationId}`,
        [
          {
            id: randomUUID(),
            type: 'InvitationCreated',
            data: {
              invitationId,
              organizationId: admin.organizationId,
              email: uniqueEmail('legacy'),
              role: 'developer',
              permissions: ['ReadAccounts'],
              tokenHash: createHash('sha256').update(token).digest('hex'),
              createdAt: new Date(now).toISOString(),
              expiresAt: new Date(now + DAY_MS).toISOString(),
            },
            metadata: { correlationId: randomUUID(), actor: { userId: admin.userId, email: admin.email } },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
      await t.app.get(ProjectionRunner).waitFor(position);

      const item = (await listed(admin.token, '&status=pending')).items.find((i: { id: string }) => i.id === invitationId);
      expect(item).toMatchObject({ id: invitationId, invitedBy: null, status: 'pending' });
      const res = await accept(token);
      expect(answerOf(res)).toEqual(await unknownTokenAnswer());
      await request(t.server).delete(`${INVITATIONS}/${invitationId}`).set(bearer(admin.token)).expect(204);
      expect((await listed(admin.token, '&status=cancelled')).items.map((i: { id: string }) => i.id)).toContain(invitationId);
    });

    it('publishes a role change to the other modules before the change answers', async () => {
      const member = await join(t, admin, 'developer');
      const bus = t.app.get(IntegrationEventBus);
      const publish = bus.publish.bind(bus);
      const published: IntegrationEvent[] = [];
      jest.spyOn(bus, 'publish').mockImplementation(async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        published.push(event);
        await publish(event);
      });
      await request(t.server).patch(`/console/v1/organization/members/${member.userId}`).set(bearer(admin.token)).send({ role: 'user' }).expect(200);
      expect(published.filter((e) => e.type === MEMBER_ROLE_CHANGED)).toEqual([
        {
          type: MEMBER_ROLE_CHANGED,
          organizationId: admin.organizationId,
          userId: member.userId,
          role: 'user',
          previousRole: 'developer',
          changedBy: { userId: admin.userId, email: admin.email },
          at: expect.any(String),
          position: expect.any(Number),
        },
      ]);
      // A change of permissions alone is not a role change.
      published.length = 0;
      await request(t.server)
        .patch(`/console/v1/organization/members/${member.userId}`)
        .set(bearer(admin.token))
        .send({ permissions: ['ReadAccounts'] })
        .expect(200);
      expect(published.filter((e) => e.type === MEMBER_ROLE_CHANGED)).toEqual([]);
    });

    it('documents the routes in the OpenAPI description', async () => {
      const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body;
      expect(doc.paths[INVITATIONS].get.responses['403'].description).toContain('DEVELOPER_ADMIN_REQUIRED');
      expect(doc.paths[`${INVITATIONS}/{id}`].delete.responses['404'].description).toContain('INVITATION_NOT_FOUND');
      expect(doc.paths[`${INVITATIONS}/{id}`].delete.responses['409'].description).toContain('INVITATION_ALREADY_ACCEPTED');
      expect(JSON.stringify(doc.components.schemas.InvitationListItem)).toContain('invitedBy');
      expect(doc.paths['/console/v1/invitations/{token}/accept'].post.responses['404'].description).toContain('no longer an active developer_admin');
    });
  });
});
