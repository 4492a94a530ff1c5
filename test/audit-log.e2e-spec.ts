import { request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore, ProjectionRunner, READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';
import { LoginFailureRecorder } from '../libs/identity/src/commands/log-in/login-failure-recorder';
import { PASSWORD, bearer, signup, uniqueEmail, type SignedUp } from './support/console';
import { createCredential } from './support/credentials-journey';
import { type ListeningTestApp, startListeningTestApp } from './support/listening-app';

interface Entry {
  position: number;
  type: string;
  eventType: string;
  at: string;
  actor: { userId: string; email: string | null } | null;
  target: { kind: string; id: string; label: string | null };
  address: string | null;
  data: Record<string, unknown>;
}

/**
 * The audit log over HTTP: each audited action is performed through the API from a client address
 * of its own (forwarded by a trusted proxy: TRUST_PROXY=loopback and X-Forwarded-For), then found
 * in the log with its type, actor, target and that address. Then the old type names, the export
 * (NDJSON and CSV, headers and content), failed-login batching under a storm, and an export of
 * 100,000 entries in bounded memory.
 */
describe('the audit log', () => {
  jest.setTimeout(240_000);
  let t: ListeningTestApp;
  let admin: SignedUp;
  const from = (n: number) => `203.0.113.${n}`;
  const as = (token: string | null, n: number) => ({ ...(token ? bearer(token) : {}), 'x-forwarded-for': from(n) });

  /** Failed logins are batched for a minute: write them now, then wait until the read models have everything. */
  async function settle(): Promise<void> {
    await t.app.get(LoginFailureRecorder).flush();
    await t.app.get(ProjectionRunner).waitFor(await t.app.get<EventStore>(EVENT_STORE).headPosition());
  }

  async function log(query: Record<string, string> = {}, token = admin.token): Promise<Entry[]> {
    const res = await request(t.server)
      .get('/console/v1/audit')
      .query({ limit: '500', ...query })
      .set(bearer(token))
      .expect(200);
    return res.body.items;
  }

  beforeAll(async () => {
    t = await startListeningTestApp({ TRUST_PROXY: 'loopback' });
    const email = uniqueEmail('admin');
    const res = await request(t.server)
      .post('/console/v1/signup')
      .set(as(null, 1))
      .send({ email, password: PASSWORD, name: 'Ann Admin', organizationName: 'Acme' })
      .expect(201);
    admin = {
      userId: res.body.user.id,
      email,
      name: 'Ann Admin',
      password: PASSWORD,
      organizationId: res.body.organization.id,
      organizationName: 'Acme',
      token: res.body.session.token,
      body: res.body,
    };
  });
  afterAll(() => t?.close());

  describe('every audited action, with its type, actor, target and client address', () => {
    const expected: { type: string; actor: string | null; target: Partial<Entry['target']>; address: string; data?: Record<string, unknown> }[] = [];
    let dev: { userId: string; email: string; token: string };

    beforeAll(async () => {
      const a = admin.token;
      expected.push({
        type: 'member.joined',
        actor: admin.userId,
        target: { kind: 'member', id: admin.userId, label: admin.email },
        address: from(1),
      });
      // Signing up opens a session: a sign-in too.
      expected.push({
        type: 'user.login_succeeded',
        actor: admin.userId,
        target: { kind: 'user', id: admin.userId, label: admin.email },
        address: from(1),
      });

      const devEmail = uniqueEmail('dev');
      const invitation = await request(t.server)
        .post('/console/v1/organization/invitations')
        .set(as(a, 2))
        .send({ email: devEmail, role: 'developer' })
        .expect(201);
      expected.push({
        type: 'member.invited',
        actor: admin.userId,
        target: { kind: 'invitation', id: invitation.body.id, label: devEmail },
        address: from(2),
      });
      const accepted = await request(t.server)
        .post(`/console/v1/invitations/${invitation.body.token}/accept`)
        .set(as(null, 3))
        .send({ name: 'Dana Dev', password: PASSWORD })
        .expect(201);
      dev = { userId: accepted.body.user.id, email: devEmail, token: accepted.body.session.token };
      expected.push({ type: 'member.joined', actor: dev.userId, target: { kind: 'member', id: dev.userId, label: devEmail }, address: from(3) });

      const unwanted = await request(t.server)
        .post('/console/v1/organization/invitations')
        .set(as(a, 4))
        .send({ email: uniqueEmail('nobody'), role: 'user' })
        .expect(201);
      await request(t.server).delete(`/console/v1/organization/invitations/${unwanted.body.id}`).set(as(a, 5)).expect(204);
      expected.push({
        type: 'member.invitation_cancelled',
        actor: admin.userId,
        target: { kind: 'invitation', id: unwanted.body.id },
        address: from(5),
        data: { reason: 'cancelled_by_admin' },
      });

      await request(t.server).patch(`/console/v1/organization/members/${dev.userId}`).set(as(a, 6)).send({ role: 'developer_admin' }).expect(200);
      expected.push({
        type: 'member.role_changed',
        actor: admin.userId,
        target: { kind: 'member', id: dev.userId, label: devEmail },
        address: from(6),
        data: { role: 'developer_admin', previousRole: 'developer' },
      });
      await request(t.server).patch(`/console/v1/organization/members/${dev.userId}`).set(as(a, 7)).send({ role: 'developer' }).expect(200);

      await request(t.server).post('/console/v1/sessions').set(as(null, 8)).send({ email: devEmail, password: PASSWORD }).expect(201);
      expected.push({ type: 'user.login_succeeded', actor: dev.userId, target: { kind: 'user', id: dev.userId, label: devEmail }, address: from(8) });
      await request(t.server).post('/console/v1/sessions').set(as(null, 9)).send({ email: devEmail, password: 'Wrong-Password-99' }).expect(401);
      expected.push({
        type: 'user.login_failed',
        actor: null,
        target: { kind: 'user', id: dev.userId, label: devEmail },
        address: from(9),
        data: { count: 1 },
      });

      const app = await request(t.server)
        .post('/console/v1/apps')
        .set(as(a, 10))
        .send({ name: 'Billing', scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments: ['production'] })
        .expect(201);
      expected.push({ type: 'app.created', actor: admin.userId, target: { kind: 'app', id: app.body.id, label: 'Billing' }, address: from(10) });
      await request(t.server).patch(`/console/v1/apps/${app.body.id}`).set(as(a, 11)).send({ name: 'Billing v2' }).expect(200);
      expected.push({ type: 'app.updated', actor: admin.userId, target: { kind: 'app', id: app.body.id, label: 'Billing v2' }, address: from(11) });
      await request(t.server).post(`/console/v1/apps/${app.body.id}/clients/production/secret`).set(as(a, 12)).expect(201);
      expected.push({
        type: 'app.secret_rotated',
        actor: admin.userId,
        target: { kind: 'app', id: app.body.id, label: 'Billing v2' },
        address: from(12),
      });
      await request(t.server).delete(`/console/v1/apps/${app.body.id}`).set(as(a, 13)).expect(204);
      expected.push({ type: 'app.deleted', actor: admin.userId, target: { kind: 'app', id: app.body.id, label: 'Billing v2' }, address: from(13) });

      const created = await request(t.server)
        .post('/console/v1/credentials')
        .set(as(dev.token, 14))
        .send({ label: 'CI', environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } })
        .expect(201);
      const credential = created.body.credential.id as string;
      expected.push({
        type: 'credential.created',
        actor: dev.userId,
        target: { kind: 'credential', id: credential, label: 'CI' },
        address: from(14),
      });
      await request(t.server).patch(`/console/v1/credentials/${credential}`).set(as(dev.token, 15)).send({ label: 'CI 2' }).expect(200);
      expected.push({
        type: 'credential.updated',
        actor: dev.userId,
        target: { kind: 'credential', id: credential, label: 'CI 2' },
        address: from(15),
      });
      await request(t.server).post(`/console/v1/credentials/${credential}/revoke`).set(as(a, 16)).send({}).expect(200);
      expected.push({
        type: 'credential.revoked',
        actor: admin.userId,
        target: { kind: 'credential', id: credential, label: 'CI 2' },
        address: from(16),
      });
      await request(t.server).delete(`/console/v1/credentials/${credential}`).set(as(a, 17)).expect(204);
      expected.push({
        type: 'credential.deleted',
        actor: admin.userId,
        target: { kind: 'credential', id: credential, label: 'CI 2' },
        address: from(17),
      });

      const leaver = await request(t.server)
        .post('/console/v1/organization/invitations')
        .set(bearer(a))
        .send({ email: uniqueEmail('leaver'), role: 'user' })
        .expect(201);
      const left = await request(t.server)
        .post(`/console/v1/invitations/${leaver.body.token}/accept`)
        .send({ name: 'Lee Leaver', password: PASSWORD })
        .expect(201);
      await request(t.server).delete(`/console/v1/organization/members/${left.body.user.id}`).set(as(a, 18)).expect(204);
      expected.push({ type: 'member.removed', actor: admin.userId, target: { kind: 'member', id: left.body.user.id }, address: from(18) });
      await settle();
    });

    it('finds each in the log', async () => {
      const entries = await log();
      for (const want of expected) {
        const found = entries.filter((e) => e.type === want.type && e.address === want.address);
        expect({ want: want.type, found: found.length }).toEqual({ want: want.type, found: 1 });
        expect(found[0]).toMatchObject({
          actor: want.actor === null ? null : { userId: want.actor },
          target: want.target,
          address: want.address,
          ...(want.data ? { data: expect.objectContaining(want.data) } : {}),
        });
      }
      const positions = entries.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((x, y) => y - x));
    });

    it('never shows a secret: no token, secret or password hash', async () => {
      const text = JSON.stringify(await log());
      expect(text).not.toMatch(/tokenHash|secretHash|passwordHash|scrypt\$|clientSecret/);
    });

    it('filters by entry type, by today’s event type names, by actor and by credential', async () => {
      const revoked = await log({ type: 'CredentialRevoked' });
      expect(revoked.map((e) => [e.type, e.eventType])).toEqual([['credential.revoked', 'CredentialRevoked']]);
      expect((await log({ type: 'credential.revoked' })).map((e) => e.position)).toEqual(revoked.map((e) => e.position));
      const labelChanges = await log({ type: 'CredentialLabelChanged' });
      expect(labelChanges.map((e) => e.type)).toEqual(['credential.updated']);
      expect((await log({ type: 'member.joined' })).map((e) => e.target.id).sort()).toHaveLength(3);
      const byDev = await log({ actorId: dev.userId });
      expect(new Set(byDev.map((e) => e.actor?.userId))).toEqual(new Set([dev.userId]));
      const credentialId = revoked[0].target.id;
      expect((await log({ credentialId })).map((e) => e.type)).toEqual([
        'credential.deleted',
        'credential.revoked',
        'credential.updated',
        'credential.created',
      ]);
    });

    it('refuses what it cannot read, naming the field, and anyone but a developer admin', async () => {
      for (const query of [{ type: 'Nope' }, { since: 'yesterday' }, { cursor: 'bogus' }, { actorId: 'x'.repeat(101) }]) {
        const bad = await request(t.server).get('/console/v1/audit').query(query).set(bearer(admin.token)).expect(400);
        expect(bad.body).toMatchObject({ errors: [expect.objectContaining({ field: Object.keys(query)[0] })] });
      }
      const other = await signup(t);
      expect((await log({}, other.token)).filter((e) => e.target.id === dev.userId)).toEqual([]);
      const devToken = await request(t.server).post('/console/v1/sessions').send({ email: dev.email, password: PASSWORD }).expect(201);
      for (const path of ['/console/v1/audit', '/console/v1/audit/export'])
        expect((await request(t.server).get(path).set(bearer(devToken.body.token)).expect(403)).body.code).toBe('DEVELOPER_ADMIN_REQUIRED');
    });
  });

  describe('export', () => {
    beforeAll(async () => {
      // A label a spreadsheet would run as a formula.
      await createCredential(t, admin.token, { label: '=HYPERLINK("http://evil.test","x")' });
      await settle();
    });

    it('streams NDJSON oldest first as an attachment: the entries the log shows', async () => {
      const res = await request(t.server).get('/console/v1/audit/export').query({ format: 'ndjson' }).set(bearer(admin.token)).expect(200);
      expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.ndjson"$/);
      const lines = res.text.split('\n');
      expect(lines.pop()).toBe('');
      const exported = lines.map((line) => JSON.parse(line) as Entry);
      expect(exported).toEqual((await log()).reverse());
    });

    it('streams CSV (RFC 4180) with a header row, formulas neutralised, filtered by type and time', async () => {
      const since = new Date(Date.now() - 3_600_000).toISOString();
      const until = new Date(Date.now() + 3_600_000).toISOString();
      const res = await request(t.server)
        .get('/console/v1/audit/export')
        .query({ format: 'csv', type: 'credential.created', since, until })
        .set(bearer(admin.token))
        .expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-.*\.csv"$/);
      const rows = res.text.split('\r\n');
      expect(rows[0]).toBe('position,type,eventType,at,actorUserId,actorEmail,targetKind,targetId,targetLabel,address,data');
      expect(rows.pop()).toBe('');
      expect(rows.slice(1).map((r) => r.split(',')[1])).toEqual(['credential.created', 'credential.created']);
      expect(rows[2]).toContain(`,"'=HYPERLINK(""http://evil.test"",""x"")",`);
      const nothing = await request(t.server)
        .get('/console/v1/audit/export')
        .query({ format: 'csv', until: since })
        .set(bearer(admin.token))
        .expect(200);
      expect(nothing.text.split('\r\n')).toHaveLength(2);
    });

    it('refuses a bad format or time with 400, naming the field', async () => {
      for (const [query, field] of [
        [{ format: 'xml' }, 'format'],
        [{ since: 'last week' }, 'since'],
        [{ until: '2026-02-30T00:00:00Z' }, 'until'],
        [{ since: '2026-03-02', until: '2026-03-01' }, 'until'],
        [{ type: 'credential.exploded' }, 'type'],
        [{ limit: '5' }, 'limit'],
      ] as const) {
        const res = await request(t.server).get('/console/v1/audit/export').query(query).set(bearer(admin.token)).expect(400);
        expect({ query, errors: res.body.errors }).toEqual({ query, errors: [expect.objectContaining({ field })] });
      }
    });
  });

  describe('failed logins under a storm', () => {
    it('are written as one event per account and client address, with their count, and the lockout once', async () => {
      const store = t.app.get<EventStore>(EVENT_STORE);
      const before = (await store.headPosition()) ?? 0;
      const victim = await signup(t);
      const guess = (email: string, n: number) =>
        request(t.server)
          .post('/console/v1/sessions')
          .set(as(null, n))
          .send({ email, password: `Wrong-${randomUUID()}` });
      // 3 addresses try 20 made-up accounts each (each address's limit); another guesses the victim's password.
      // An address at a time, so that no more password checks wait than the hashing bound admits (64).
      const statuses: number[] = [];
      for (let address = 100; address < 103; address++)
        statuses.push(...(await Promise.all(Array.from({ length: 20 }, () => guess(uniqueEmail('made-up'), address).then((r) => r.status)))));
      const victimStatuses: number[] = [];
      for (let i = 0; i < 7; i++) victimStatuses.push((await guess(victim.email, 120)).status);
      await settle();

      expect(statuses).toEqual(Array(60).fill(401));
      expect(victimStatuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      const failures = (await store.readAll({ after: before })).filter((e) => e.type === 'LoginFailed');
      const minutes = (Date.parse(failures.at(-1)!.createdAt) - Date.parse(failures[0].data.firstAt as string)) / 60_000;
      console.log(`67 login attempts (2 refused unchecked) over ${minutes.toFixed(1)} minutes were written as ${failures.length} LoginFailed events`);
      // One event per account and address, and another only when a minute's window ended in between.
      const byPair = new Map<string, number[]>();
      for (const e of failures) {
        const pair = `${e.data.userId}/${e.metadata.address}`;
        byPair.set(pair, [...(byPair.get(pair) ?? []), e.data.count as number]);
      }
      expect(byPair.size).toBe(4);
      for (const counts of byPair.values()) expect(counts.length).toBeLessThanOrEqual(1 + Math.ceil(minutes));
      expect([...byPair.values()].map((counts) => counts.reduce((x, y) => x + y)).sort()).toEqual([20, 20, 20, 5].sort());
      expect(failures.length).toBeLessThanOrEqual(4 * (1 + Math.ceil(minutes)));
      expect(JSON.stringify(failures)).not.toMatch(/made-up|Wrong-/);

      const entries = await log({}, victim.token);
      // One entry, or two when a minute's window ended between the guesses.
      const failed = entries.filter((e) => e.type === 'user.login_failed');
      expect(failed.length).toBeGreaterThanOrEqual(1);
      for (const e of failed)
        expect(e).toMatchObject({ actor: null, target: { kind: 'user', id: victim.userId, label: victim.email }, address: from(120) });
      expect(failed.reduce((sum, e) => sum + (e.data.count as number), 0)).toBe(5);
      expect(entries.filter((e) => e.type === 'user.locked_out')).toEqual([
        expect.objectContaining({
          target: { kind: 'user', id: victim.userId, label: victim.email },
          address: from(120),
          data: expect.objectContaining({ lockedUntil: expect.any(String) }),
        }),
      ]);
    });
  });

  describe('an export of 100,000 entries', () => {
    it('streams in bounded memory, as fast as the client reads', async () => {
      const organization = await signup(t);
      const db = t.app.get<ReadModelDb>(READ_MODEL_DB);
      const filler = 'x'.repeat(1_000);
      const insert = db.prepare(
        `INSERT INTO audit_log (position, organization_id, type, event_type, at, actor_user_id, actor_email, target_kind, target_id, target_label, address, data)
         VALUES (?, ?, 'credential.used', 'CredentialUsed', ?, NULL, NULL, 'credential', ?, 'Seeded', NULL, ?)`,
      );
      db.transaction(() => {
        for (let i = 0; i < 100_000; i++)
          insert.run(
            1_000_000_000 + i,
            organization.organizationId,
            new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
            `c${i}`,
            JSON.stringify({ i, filler }),
          );
      })();

      const rss = () => process.memoryUsage().rss;
      const baseline = rss();
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, rss())), 10);
      let bytes = 0;
      let lines = 0;
      const firstAndLast: [number, number] = [-1, -1];
      try {
        await new Promise<void>((resolve, reject) => {
          const url = new URL('/console/v1/audit/export?format=ndjson', t.baseUrl);
          const req = httpRequest(url, { headers: bearer(organization.token) }, (res) => {
            expect(res.statusCode).toBe(200);
            let tail = '';
            let paused = false;
            res.on('data', (chunk: Buffer) => {
              bytes += chunk.length;
              const text = tail + chunk.toString('utf8');
              const parts = text.split('\n');
              tail = parts.pop()!;
              for (const line of parts) {
                const position = Number(/^\{"position":(\d+)/.exec(line)![1]);
                if (lines === 0) firstAndLast[0] = position;
                firstAndLast[1] = position;
                lines += 1;
              }
              // A slow client: the server must wait for it rather than buffer the rest.
              if (!paused) {
                paused = true;
                res.pause();
                setTimeout(() => res.resume(), 1_000);
              }
            });
            res.on('end', resolve);
            res.on('error', reject);
          });
          req.on('error', reject);
          req.end();
        });
      } finally {
        clearInterval(sampler);
      }
      const growthMb = (peak - baseline) / 2 ** 20;
      console.log(
        `Exported ${lines} entries (${(bytes / 2 ** 20).toFixed(0)} MB of NDJSON); resident memory grew by at most ${growthMb.toFixed(1)} MB`,
      );
      // The founder joining and signing in, then the seeded entries, oldest first.
      expect(lines).toBe(100_002);
      expect(firstAndLast[1]).toBe(1_000_000_000 + 99_999);
      expect(bytes).toBeGreaterThan(100 * 2 ** 20);
      expect(growthMb).toBeLessThan(150);
    });
  });
});
