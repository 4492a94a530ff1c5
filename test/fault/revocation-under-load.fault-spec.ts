import { performance } from 'node:perf_hooks';
import { freePort } from '../support/child-app';
import { ConsoleClient, requestToken } from '../support/console-client';
import { startTestApp, type TestApp } from '../support/test-app';

interface Sample {
  sentAt: number;
  status: number;
}

/** Sends token requests back to back from `connections` loops until `stop()`; records each one. */
function hammer(baseUrl: string, client: { clientId: string; clientSecret: string }, jwt: string, connections = 16) {
  const samples: Sample[] = [];
  let running = true;
  const loops = Array.from({ length: connections }, async () => {
    while (running) {
      const sentAt = performance.now();
      const { status } = await requestToken(baseUrl, client, jwt);
      samples.push({ sentAt, status });
    }
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/**
 * While token requests flow at full speed, a revocation takes effect at once: no request sent
 * after the revoke call answered may be granted.
 */
describe('revocation under load', () => {
  jest.setTimeout(60_000);
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    t = await startTestApp({ PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn' });
    await t.app.listen({ port, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(() => t.close());

  it('refuses every token request sent after a credential revoke answered', async () => {
    const admin = new ConsoleClient(baseUrl);
    await admin.signup('load-admin@example.com', 'Load Org');
    const { clients } = await admin.createApp('Load app', ['jwt_bearer']);
    const { credential, jwt } = await admin.createCredential('under load');

    const load = hammer(baseUrl, clients.production, jwt);
    await new Promise((r) => setTimeout(r, 500));
    await admin.call('POST', `/console/v1/credentials/${credential.id}/revoke`, { reason: 'leaked' });
    const revokedAt = performance.now();
    await new Promise((r) => setTimeout(r, 500));
    await load.stop();

    const before = load.samples.filter((s) => s.sentAt < revokedAt);
    const after = load.samples.filter((s) => s.sentAt > revokedAt);
    expect(before.some((s) => s.status === 200)).toBe(true);
    expect(after.length).toBeGreaterThan(10);
    expect(after.filter((s) => s.status === 200)).toEqual([]);
  });

  it('refuses every token request sent after a member removal answered', async () => {
    const admin = new ConsoleClient(baseUrl);
    await admin.signup('load-admin-2@example.com', 'Load Org 2');
    const { clients } = await admin.createApp('Load app 2', ['jwt_bearer']);
    const invitation = await admin.call<{ token: string }>('POST', '/console/v1/organization/invitations', {
      email: 'dev@example.com',
      role: 'developer',
    });
    const accepted = await admin.call<{ user: { id: string }; session: { token: string } }>(
      'POST',
      `/console/v1/invitations/${invitation.token}/accept`,
      {
        name: 'Dev',
        password: 'Correct-Horse-Battery-42',
      },
    );
    const developer = new ConsoleClient(baseUrl, accepted.session.token);
    const { jwt } = await developer.createCredential('developer credential');

    const load = hammer(baseUrl, clients.production, jwt);
    await new Promise((r) => setTimeout(r, 500));
    await admin.call('DELETE', `/console/v1/organization/members/${accepted.user.id}`);
    const removedAt = performance.now();
    await new Promise((r) => setTimeout(r, 500));
    await load.stop();

    const before = load.samples.filter((s) => s.sentAt < removedAt);
    const after = load.samples.filter((s) => s.sentAt > removedAt);
    expect(before.some((s) => s.status === 200)).toBe(true);
    expect(after.length).toBeGreaterThan(10);
    expect(after.filter((s) => s.status === 200)).toEqual([]);
  });
});
