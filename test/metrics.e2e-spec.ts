import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildApp, freePort, spawnApp, waitForStatus } from './support/child-app';
import { ConsoleClient, requestToken } from './support/console-client';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The value of one series in Prometheus' text format, or undefined when the series is absent. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * Metrics on their own listener (METRICS_HOST:METRICS_PORT), through the real entry point: token
 * requests counted by environment, grant type and outcome (an unknown grant type as `other`),
 * answers by surface and status, lockouts, appends, projection lag and the process; never on the
 * public port; and off with METRICS_PORT=0.
 */
describe('metrics (real process)', () => {
  jest.setTimeout(90_000);
  let dataDir: string;
  let app: ChildApp;
  let metricsPort: number;
  const scrape = async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'latchkey-metrics-'));
    metricsPort = await freePort();
    app = await spawnApp({ DATA_DIR: dataDir, EVENT_STORE: 'memory', METRICS_PORT: String(metricsPort), LOG_FORMAT: 'json' });
    await waitForStatus(app, '/ready');
  });
  afterAll(async () => {
    app.process.kill('SIGTERM');
    await app.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says where the metrics are in its start-up line', async () => {
    for (let i = 0; i < 100 && !app.output().includes('Latchkey listening'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(app.output()).toContain(
      `Latchkey listening: console http://localhost:${app.port}/, API docs http://localhost:${app.port}/docs, metrics http://127.0.0.1:${metricsPort}/metrics`,
    );
  });

  it('counts token requests by environment, grant type and outcome, and answers by surface and status', async () => {
    const admin = new ConsoleClient(app.baseUrl);
    await admin.signup(`metrics-${Date.now()}@example.com`, 'Metrics Org');
    const { clients } = await admin.createApp('Metrics app', ['jwt_bearer']);
    const { jwt } = await admin.createCredential('measured');
    const client = clients.production;
    const before = await scrape();

    expect((await requestToken(app.baseUrl, client, jwt)).status).toBe(200);
    expect((await requestToken(app.baseUrl, { ...client, clientSecret: 'wrong' }, jwt)).status).toBe(401);
    const basic = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
    const unknownGrant = await fetch(`${app.baseUrl}/sandbox/restapi/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
      body: 'grant_type=made-up%3Agrant&assertion=x',
    });
    expect(unknownGrant.status).toBe(401); // a production client in the sandbox: refused before the grant type is looked at
    const password = await fetch(`${app.baseUrl}/restapi/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
      body: 'grant_type=password',
    });
    expect(password.status).toBe(400);

    const after = await scrape();
    const moved = (series: string) => (valueOf(after, series) ?? 0) - (valueOf(before, series) ?? 0);
    const tokens = (environment: string, grant: string, outcome: string) =>
      `latchkey_token_requests_total{environment="${environment}",grant_type="${grant}",outcome="${outcome}"}`;
    expect(moved(tokens('production', JWT_BEARER, 'issued'))).toBe(1);
    expect(moved(tokens('production', JWT_BEARER, 'OAU-153'))).toBe(1);
    expect(moved(tokens('sandbox', 'other', 'OAU-153'))).toBe(1);
    expect(moved(tokens('production', 'other', 'OAU-250'))).toBe(1);
    expect(after).not.toContain('made-up');
    expect(after).not.toContain('grant_type="password"');
    expect(moved('latchkey_token_request_duration_seconds_count')).toBe(4);
    expect(moved('latchkey_http_requests_total{surface="auth",status="200"}')).toBe(1);
    expect(moved('latchkey_http_requests_total{surface="auth",status="401"}')).toBe(2);
    expect(moved('latchkey_http_requests_total{surface="auth",status="400"}')).toBe(1);
    // the console requests made above, and the probe the test waited on
    expect(valueOf(after, 'latchkey_http_requests_total{surface="console",status="201"}')).toBeGreaterThanOrEqual(3);
    expect(valueOf(after, 'latchkey_http_requests_total{surface="probe",status="200"}')).toBeGreaterThanOrEqual(1);
  });

  it('counts lockouts, measures appends and projection lag, and has the process metrics and the webhook series', async () => {
    const email = `locked-${Date.now()}@example.com`;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${app.baseUrl}/console/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'Wrong-Password-123456' }),
      });
      expect(res.status).toBe(401);
    }
    const text = await scrape();
    expect(valueOf(text, 'latchkey_throttle_lockouts_total{kind="login.account"}')).toBe(1);
    expect(valueOf(text, 'latchkey_event_store_append_duration_seconds_count')).toBeGreaterThan(0);
    const lags = text.split('\n').filter((l) => l.startsWith('latchkey_projection_lag_events{projection='));
    expect(lags.length).toBeGreaterThan(3);
    for (const line of lags) expect(line).toMatch(/ \d+$/);
    expect(text).toContain('# TYPE latchkey_webhook_deliveries_total counter');
    expect(text).toContain('# TYPE latchkey_token_request_duration_seconds histogram');
    expect(valueOf(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('serves nothing of it on the public port, and only GET /metrics on its own', async () => {
    const onPublic = await fetch(`${app.baseUrl}/metrics`);
    expect(onPublic.status).toBe(404);
    expect(await onPublic.text()).not.toContain('latchkey_');
    expect((await fetch(`http://127.0.0.1:${metricsPort}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { method: 'POST' })).status).toBe(404);
  });

  it('is off with METRICS_PORT=0', async () => {
    const offDir = mkdtempSync(join(tmpdir(), 'latchkey-metrics-off-'));
    const off = await spawnApp({ DATA_DIR: offDir, EVENT_STORE: 'memory', METRICS_PORT: '0', LOG_FORMAT: 'json' });
    try {
      await waitForStatus(off, '/ready');
      for (let i = 0; i < 100 && !off.output().includes('Latchkey listening'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(off.output()).toContain('metrics off (METRICS_PORT=0)');
      expect(off.output()).not.toContain('/metrics');
    } finally {
      off.process.kill('SIGTERM');
      await off.exited;
      rmSync(offDir, { recursive: true, force: true });
    }
  });
});
