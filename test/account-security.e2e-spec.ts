import { Secret, TOTP } from 'otpauth';
import { Clock } from '@latchkey/building-blocks';
import { EVENT_STORE, type EventStore } from '@latchkey/event-store';
import { join, PASSWORD, signup, uniqueEmail } from './support/console';
import { startTestApp, type TestApp } from './support/test-app';

const NEW_PASSWORD = 'Another-Horse-Battery-77';

interface Answer {
  status: number;
  body: Record<string, unknown> & { code?: string };
  headers: Record<string, string | string[] | number | undefined>;
  cookie: string | undefined;
}

describe('account security: password change and reset, two-factor sign-in, cookie sessions', () => {
  let t: TestApp;
  let clockOffsetMs = 0;
  /** Every secret the tests saw (TOTP seeds, recovery codes, reset and session tokens): none may reach the event log or the logs. */
  const secrets: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const clock = t.app.get(Clock);
    const real = clock.nowMs.bind(clock);
    jest.spyOn(clock, 'nowMs').mockImplementation(() => real() + clockOffsetMs);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  const now = () => Date.now() + clockOffsetMs;

  /** One request through Fastify's inject, from a client address of the test's own, so each test has its own throttle. */
  async function call(
    method: string,
    url: string,
    options: { body?: unknown; token?: string; cookie?: string; headers?: Record<string, string>; address?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
    const res = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: method as 'GET',
        url,
        headers,
        remoteAddress: options.address ?? '10.9.0.1',
        ...(options.body === undefined ? {} : { payload: options.body as object }),
      });
    const setCookie = res.headers['set-cookie'];
    return {
      status: res.statusCode,
      body: res.body ? (JSON.parse(res.body) as Answer['body']) : {},
      headers: res.headers,
      cookie: Array.isArray(setCookie) ? setCookie[0] : setCookie,
    };
  }

  const logIn = (email: string, password: string, totp?: string, address?: string) =>
    call('POST', '/console/v1/sessions', { body: { email, password, ...(totp === undefined ? {} : { totp }) }, address });

  const codeAt = (secret: string, atMs: number) =>
    new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: atMs });

  /** Enrols and confirms TOTP for a signed-in user; answers the seed, the recovery codes and the step the confirmation used. */
  async function enableTotp(token: string) {
    const enrolled = await call('POST', '/console/v1/me/mfa/totp', { token });
    expect(enrolled.status).toBe(201);
    const secret = enrolled.body.secret as string;
    const at = now();
    const confirmed = await call('POST', '/console/v1/me/mfa/totp/confirm', { token, body: { code: codeAt(secret, at) } });
    expect(confirmed.status).toBe(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    secrets.push(secret, ...recoveryCodes);
    return { secret, recoveryCodes, step: Math.floor(at / 30_000) };
  }

  describe('cookie sessions', () => {
    it('sign-up, login and an invitation’s acceptance set latchkey_session: HttpOnly, SameSite=Strict, Path=/, not Secure on http', async () => {
      const admin = await signup(t);
      const viaSignup = await call('POST', '/console/v1/signup', {
        body: { email: uniqueEmail('cookie'), password: PASSWORD, name: 'Cookie', organizationName: 'Cookie Org' },
      });
      expect(viaSignup.status).toBe(201);
      const session = viaSignup.body.session as { token: string };
      expect(viaSignup.cookie).toMatch(
        new RegExp(`^latchkey_session=${session.token}; Max-Age=(4319[0-9]|43200); Path=/; HttpOnly; SameSite=Strict$`),
      );

      const viaLogin = await logIn(admin.email, PASSWORD);
      expect(viaLogin.status).toBe(201);
      expect(viaLogin.cookie).toContain(`latchkey_session=${viaLogin.body.token as string};`);
      expect(viaLogin.cookie).not.toMatch(/Secure/);

      const email = uniqueEmail('invited');
      const invitation = await call('POST', '/console/v1/organization/invitations', { token: admin.token, body: { email, role: 'developer' } });
      const accepted = await call('POST', `/console/v1/invitations/${invitation.body.token as string}/accept`, {
        body: { name: 'Ivy', password: PASSWORD },
      });
      expect(accepted.status).toBe(201);
      expect(accepted.cookie).toContain(`latchkey_session=${(accepted.body.session as { token: string }).token};`);
    });

    it('authenticates reads by the cookie; writes need X-Requested-With: latchkey, else 403 CSRF_HEADER_REQUIRED; Bearer needs no header', async () => {
      const admin = await signup(t);
      const cookie = `theme=dark; latchkey_session=${admin.token}`;
      const me = await call('GET', '/console/v1/me', { cookie });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: admin.userId, mfa: { totp: false } });

      const body = { name: 'Cookie app', scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments: ['sandbox'] };
      const refused = await call('POST', '/console/v1/apps', { cookie, body });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('CSRF_HEADER_REQUIRED');
      const wrongValue = await call('POST', '/console/v1/apps', { cookie, body, headers: { 'x-requested-with': 'XMLHttpRequest' } });
      expect(wrongValue.body.code).toBe('CSRF_HEADER_REQUIRED');
      const apps = await call('GET', '/console/v1/apps', { cookie });
      expect((apps.body.items as unknown[]).length).toBe(0);

      const created = await call('POST', '/console/v1/apps', { cookie, body, headers: { 'x-requested-with': 'latchkey' } });
      expect(created.status).toBe(201);
      const byBearer = await call('POST', '/console/v1/apps', { token: admin.token, body: { ...body, name: 'Bearer app' } });
      expect(byBearer.status).toBe(201);
    });

    it('prefers Authorization over the cookie, and refuses an unknown cookie with 401', async () => {
      const admin = await signup(t);
      const unknown = await call('GET', '/console/v1/me', { cookie: `latchkey_session=${'x'.repeat(43)}` });
      expect(unknown.status).toBe(401);
      const both = await call('GET', '/console/v1/me', { cookie: `latchkey_session=${'x'.repeat(43)}`, token: admin.token });
      expect(both.status).toBe(200);
      const badBearer = await call('GET', '/console/v1/me', { cookie: `latchkey_session=${admin.token}`, token: 'x'.repeat(43) });
      expect(badBearer.status).toBe(401);
    });

    it('logout clears the cookie and ends the session', async () => {
      const admin = await signup(t);
      const cookie = `latchkey_session=${admin.token}`;
      const out = await call('DELETE', '/console/v1/sessions/current', { cookie, headers: { 'x-requested-with': 'latchkey' } });
      expect(out.status).toBe(204);
      expect(out.cookie).toBe('latchkey_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict');
      expect((await call('GET', '/console/v1/me', { cookie })).status).toBe(401);
    });
  });

  describe('POST /me/password', () => {
    it('changes the password: 204, other sessions end, this one continues; the old password stops working', async () => {
      const admin = await signup(t);
      const other = (await logIn(admin.email, PASSWORD)).body.token as string;
      const changed = await call('POST', '/console/v1/me/password', {
        token: admin.token,
        body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      });
      expect(changed.status).toBe(204);
      expect((await call('GET', '/console/v1/me', { token: other })).status).toBe(401);
      expect((await call('GET', '/console/v1/me', { token: admin.token })).status).toBe(200);
      expect((await logIn(admin.email, PASSWORD, undefined, '10.9.1.1')).body.code).toBe('INVALID_LOGIN');
      expect((await logIn(admin.email, NEW_PASSWORD, undefined, '10.9.1.1')).status).toBe(201);
    });

    it('answers a wrong current password 422 INVALID_CURRENT_PASSWORD (the session stays), counted by the login throttle', async () => {
      const admin = await signup(t);
      const wrong = () =>
        call('POST', '/console/v1/me/password', {
          token: admin.token,
          body: { currentPassword: 'not-it-at-all', newPassword: NEW_PASSWORD },
          address: '10.9.2.1',
        });
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await wrong());
      expect(answers.map((a) => [a.status, a.body.code])).toEqual([
        ...Array.from({ length: 5 }, () => [422, 'INVALID_CURRENT_PASSWORD']),
        [429, 'RATE_LIMITED'],
      ]);
      expect((await call('GET', '/console/v1/me', { token: admin.token })).status).toBe(200);
      // The same account's login from the same address is locked too: one throttle.
      expect((await logIn(admin.email, PASSWORD, undefined, '10.9.2.1')).status).toBe(429);
    });

    it('refuses a weak new password with 400 on newPassword, before checking the current one', async () => {
      const admin = await signup(t);
      const weak = await call('POST', '/console/v1/me/password', { token: admin.token, body: { currentPassword: 'wrong', newPassword: 'short' } });
      expect(weak.status).toBe(400);
      expect(weak.body.errors).toEqual([{ field: 'newPassword', message: expect.stringMatching(/at least 12 characters/) }]);
    });
  });

  describe('password resets', () => {
    it('an admin issues a one-time token (24 h) for a member; it sets a new password once and ends the member’s sessions; MFA stays', async () => {
      const admin = await signup(t);
      const member = await join(t, admin, 'developer');
      const { secret } = await enableTotp(member.token);
      const memberSession = (await logIn(member.email, PASSWORD, codeAt(secret, now() + 30_000), '10.9.3.1')).body.token as string;

      const issued = await call('POST', `/console/v1/organization/members/${member.userId}/password-reset`, { token: admin.token });
      expect(issued.status).toBe(201);
      const token = issued.body.token as string;
      secrets.push(token);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const lifetime = Date.parse(issued.body.expiresAt as string) - now();
      expect(lifetime).toBeGreaterThan(24 * 3600_000 - 60_000);
      expect(lifetime).toBeLessThanOrEqual(24 * 3600_000);

      const weak = await call('POST', '/console/v1/password-resets', { body: { token, newPassword: 'short' } });
      expect(weak.status).toBe(400);
      const used = await call('POST', '/console/v1/password-resets', { body: { token, newPassword: NEW_PASSWORD } });
      expect(used.status).toBe(204);
      expect((await call('GET', '/console/v1/me', { token: memberSession })).status).toBe(401);
      expect((await call('GET', '/console/v1/me', { token: member.token })).status).toBe(401);
      const again = await call('POST', '/console/v1/password-resets', { body: { token, newPassword: 'Yet-Another-Horse-88' } });
      expect([again.status, again.body.code]).toEqual([404, 'PASSWORD_RESET_NOT_FOUND']);
      // The reset kept two-factor sign-in: the new password alone is not enough.
      expect((await logIn(member.email, NEW_PASSWORD, undefined, '10.9.3.2')).body.code).toBe('MFA_REQUIRED');
    });

    it('404 for an unknown token, a replaced one and another organization’s user; 410 once expired; 403 for a developer', async () => {
      const admin = await signup(t);
      const outsider = await signup(t);
      const member = await join(t, admin, 'developer');
      expect((await call('POST', '/console/v1/password-resets', { body: { token: 'x'.repeat(43), newPassword: NEW_PASSWORD } })).status).toBe(404);
      const foreign = await call('POST', `/console/v1/organization/members/${outsider.userId}/password-reset`, { token: admin.token });
      expect([foreign.status, foreign.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
      const byDeveloper = await call('POST', `/console/v1/organization/members/${admin.userId}/password-reset`, { token: member.token });
      expect([byDeveloper.status, byDeveloper.body.code]).toEqual([403, 'DEVELOPER_ADMIN_REQUIRED']);

      const first = (await call('POST', `/console/v1/organization/members/${member.userId}/password-reset`, { token: admin.token })).body
        .token as string;
      const second = (await call('POST', `/console/v1/organization/members/${member.userId}/password-reset`, { token: admin.token })).body
        .token as string;
      secrets.push(first, second);
      expect((await call('POST', '/console/v1/password-resets', { body: { token: first, newPassword: NEW_PASSWORD } })).status).toBe(404);
      clockOffsetMs += 24 * 3600_000;
      try {
        const expired = await call('POST', '/console/v1/password-resets', { body: { token: second, newPassword: NEW_PASSWORD } });
        expect([expired.status, expired.body.code]).toEqual([410, 'PASSWORD_RESET_EXPIRED']);
      } finally {
        clockOffsetMs -= 24 * 3600_000;
      }
    });
  });

  describe('TOTP two-factor sign-in', () => {
    it('enrols (RFC 6238 URI), confirms with a code (10 recovery codes, other sessions end), and refuses a second enrolment', async () => {
      const admin = await signup(t);
      const other = (await logIn(admin.email, PASSWORD)).body.token as string;
      const enrolled = await call('POST', '/console/v1/me/mfa/totp', { token: admin.token });
      expect(enrolled.status).toBe(201);
      const secret = enrolled.body.secret as string;
      secrets.push(secret);
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const uri = new URL(enrolled.body.otpauthUri as string);
      expect([uri.protocol, uri.host, decodeURIComponent(uri.pathname)]).toEqual(['otpauth:', 'totp', `/Latchkey:${admin.email}`]);
      expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret, algorithm: 'SHA1', digits: '6', period: '30', issuer: 'Latchkey' });
      expect((await call('GET', '/console/v1/me', { token: admin.token })).body.mfa).toEqual({ totp: false });

      const wrong = await call('POST', '/console/v1/me/mfa/totp/confirm', { token: admin.token, body: { code: codeAt(secret, now() + 5 * 30_000) } });
      expect([wrong.status, wrong.body.code]).toEqual([422, 'INVALID_CODE']);
      const confirmed = await call('POST', '/console/v1/me/mfa/totp/confirm', { token: admin.token, body: { code: codeAt(secret, now()) } });
      expect(confirmed.status).toBe(200);
      const codes = confirmed.body.recoveryCodes as string[];
      secrets.push(...codes);
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      expect((await call('GET', '/console/v1/me', { token: other })).status).toBe(401);
      expect((await call('GET', '/console/v1/me', { token: admin.token })).body.mfa).toEqual({ totp: true });

      const again = await call('POST', '/console/v1/me/mfa/totp', { token: admin.token });
      expect([again.status, again.body.code]).toEqual([409, 'MFA_ALREADY_ENABLED']);
    });

    it('signs in with a code: MFA_REQUIRED only after a correct password; ±1 step; no replay; a wrong code is INVALID_LOGIN', async () => {
      const admin = await signup(t);
      const { secret, step } = await enableTotp(admin.token);
      const address = '10.9.4.1';
      expect((await logIn(admin.email, 'wrong-password-here', undefined, address)).body.code).toBe('INVALID_LOGIN');
      const required = await logIn(admin.email, PASSWORD, undefined, address);
      expect([required.status, required.body.code]).toEqual([401, 'MFA_REQUIRED']);
      expect(required.cookie).toBeUndefined();

      // The confirming code's step is used: the same code again is a replay.
      expect((await logIn(admin.email, PASSWORD, codeAt(secret, step * 30_000), address)).body.code).toBe('INVALID_LOGIN');
      const next = codeAt(secret, (step + 1) * 30_000);
      const signedIn = await logIn(admin.email, PASSWORD, next, address);
      expect(signedIn.status).toBe(201);
      expect(signedIn.cookie).toContain('latchkey_session=');
      expect((await logIn(admin.email, PASSWORD, next, address)).body.code).toBe('INVALID_LOGIN');
      // Two steps ahead is outside the window.
      expect((await logIn(admin.email, PASSWORD, codeAt(secret, (step + 3) * 30_000), address)).body.code).toBe('INVALID_LOGIN');
    });

    it('accepts the previous step’s code once the clock moved on, but not an older one', async () => {
      const admin = await signup(t);
      const { secret, step } = await enableTotp(admin.token);
      // At least two steps on, and 1 s into a step: no step boundary passes during the three logins.
      const moved = 60_000 + (30_000 - ((now() + 60_000) % 30_000)) + 1_000;
      clockOffsetMs += moved;
      try {
        const current = Math.floor(now() / 30_000);
        expect(current).toBeGreaterThanOrEqual(step + 2);
        expect((await logIn(admin.email, PASSWORD, codeAt(secret, (current - 2) * 30_000), '10.9.5.1')).body.code).toBe('INVALID_LOGIN');
        expect((await logIn(admin.email, PASSWORD, codeAt(secret, (current - 1) * 30_000), '10.9.5.1')).status).toBe(201);
      } finally {
        clockOffsetMs -= moved;
      }
    });

    it('accepts each recovery code once (in any case, with or without dashes)', async () => {
      const admin = await signup(t);
      const { recoveryCodes } = await enableTotp(admin.token);
      const loose = recoveryCodes[3].toUpperCase().replaceAll('-', '');
      expect((await logIn(admin.email, PASSWORD, loose, '10.9.6.1')).status).toBe(201);
      expect((await logIn(admin.email, PASSWORD, recoveryCodes[3], '10.9.6.1')).body.code).toBe('INVALID_LOGIN');
      expect((await logIn(admin.email, PASSWORD, recoveryCodes[4], '10.9.6.1')).status).toBe(201);
    });

    it('counts wrong codes in the login throttle: five lock the account', async () => {
      const admin = await signup(t);
      const { secret, step } = await enableTotp(admin.token);
      const wrongCode = String((Number(codeAt(secret, (step + 1) * 30_000)) + 1) % 1_000_000).padStart(6, '0');
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push((await logIn(admin.email, PASSWORD, wrongCode, '10.9.7.1')).status);
      expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
    });

    it('counts a wrong password or code when turning it off in the login throttle', async () => {
      const admin = await signup(t);
      const { secret, step } = await enableTotp(admin.token);
      const address = '10.9.8.2';
      const good = codeAt(secret, (step + 1) * 30_000);
      await call('DELETE', '/console/v1/me/mfa/totp', { token: admin.token, body: { password: 'wrong-password-x', code: good }, address });
      await call('DELETE', '/console/v1/me/mfa/totp', { token: admin.token, body: { password: PASSWORD, code: '000000' }, address });
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await logIn(admin.email, 'wrong-password-x', undefined, address)).status);
      expect(answers).toEqual([401, 401, 401, 429]);
    });

    it('turns off with password and code (422 INVALID_CODE for either wrong); then the password alone signs in', async () => {
      const admin = await signup(t);
      const { secret, step } = await enableTotp(admin.token);
      const address = '10.9.8.1';
      const good = codeAt(secret, (step + 1) * 30_000);
      const badPassword = await call('DELETE', '/console/v1/me/mfa/totp', {
        token: admin.token,
        body: { password: 'wrong-password-x', code: good },
        address,
      });
      expect([badPassword.status, badPassword.body.code]).toEqual([422, 'INVALID_CODE']);
      const badCode = await call('DELETE', '/console/v1/me/mfa/totp', { token: admin.token, body: { password: PASSWORD, code: '000000' }, address });
      expect([badCode.status, badCode.body.code]).toEqual([422, 'INVALID_CODE']);
      const off = await call('DELETE', '/console/v1/me/mfa/totp', { token: admin.token, body: { password: PASSWORD, code: good }, address });
      expect(off.status).toBe(204);
      expect((await call('GET', '/console/v1/me', { token: admin.token })).body.mfa).toEqual({ totp: false });
      expect((await logIn(admin.email, PASSWORD, undefined, address)).status).toBe(201);
      const offAgain = await call('DELETE', '/console/v1/me/mfa/totp', { token: admin.token, body: { password: PASSWORD, code: good }, address });
      expect([offAgain.status, offAgain.body.code]).toEqual([409, 'MFA_NOT_ENABLED']);
    });
  });

  describe('DELETE /organization/members/{userId}/mfa', () => {
    it('clears a member’s MFA (audited); 403 for a developer_admin, 404 for another organization’s user', async () => {
      const admin = await signup(t);
      const otherAdmin = await join(t, admin, 'developer_admin');
      const member = await join(t, admin, 'developer');
      const outsider = await signup(t);
      await enableTotp(member.token);
      await enableTotp(otherAdmin.token);

      const cleared = await call('DELETE', `/console/v1/organization/members/${member.userId}/mfa`, { token: admin.token });
      expect(cleared.status).toBe(204);
      expect((await logIn(member.email, PASSWORD, undefined, '10.9.9.1')).status).toBe(201);
      const protectedAdmin = await call('DELETE', `/console/v1/organization/members/${otherAdmin.userId}/mfa`, { token: admin.token });
      expect([protectedAdmin.status, protectedAdmin.body.code]).toEqual([403, 'DEVELOPER_ADMIN_MFA_PROTECTED']);
      const self = await call('DELETE', `/console/v1/organization/members/${admin.userId}/mfa`, { token: admin.token });
      expect(self.status).toBe(403);
      const foreign = await call('DELETE', `/console/v1/organization/members/${outsider.userId}/mfa`, { token: admin.token });
      expect(foreign.status).toBe(404);
      const byDeveloper = await call('DELETE', `/console/v1/organization/members/${otherAdmin.userId}/mfa`, { token: member.token });
      expect(byDeveloper.status).toBe(403);

      const audit = await call('GET', '/console/v1/audit?limit=500', { token: admin.token });
      const entries = audit.body.items as { type: string; target: { id: string }; actor: { userId: string } | null; data: Record<string, unknown> }[];
      const about = (userId: string, type: string) => entries.filter((e) => e.target.id === userId && e.type === type);
      expect(about(member.userId, 'user.mfa_enabled')).toHaveLength(1);
      expect(about(member.userId, 'user.mfa_disabled')).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ userId: admin.userId }),
          data: { userId: member.userId, method: 'totp', clearedBy: admin.userId },
        }),
      ]);
    });

    it('audits password changes and resets', async () => {
      const admin = await signup(t);
      const member = await join(t, admin, 'developer');
      await call('POST', '/console/v1/me/password', { token: member.token, body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
      const reset = await call('POST', `/console/v1/organization/members/${member.userId}/password-reset`, { token: admin.token });
      secrets.push(reset.body.token as string);
      await call('POST', '/console/v1/password-resets', { body: { token: reset.body.token, newPassword: PASSWORD } });
      const entries = async (type: string) => {
        const audit = await call('GET', `/console/v1/audit?type=${type}`, { token: admin.token });
        expect(audit.status).toBe(200);
        return (audit.body.items as { type: string; target: { id: string }; data: { stage?: string } }[]).map((e) => [
          e.type,
          e.target.id,
          e.data.stage ?? null,
        ]);
      };
      expect(await entries('user.password_changed')).toEqual([['user.password_changed', member.userId, null]]);
      expect(await entries('user.password_reset')).toEqual([
        ['user.password_reset', member.userId, 'used'],
        ['user.password_reset', member.userId, 'issued'],
      ]);
    });
  });

  it('keeps every seed, recovery code and reset token out of the event log and the logs', async () => {
    expect(secrets.length).toBeGreaterThan(20);
    const events = await t.app.get<EventStore>(EVENT_STORE).readAll();
    const stored = JSON.stringify(events);
    const logs = t.logs.join('\n');
    for (const secret of secrets) {
      expect(stored).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(stored).toContain('TotpEnabled');
  });
});
