import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildApp, freePort, spawnApp, waitForStatus } from '../support/child-app';
import { ConsoleClient } from '../support/console-client';

const CREDENTIALS = 150;
const DAY = 86_400_000;

/**
 * Kills Latchkey with SIGKILL while its inactivity scheduler gives notices to a batch of
 * credentials, and again while it revokes them. After each restart the scheduler finishes the
 * batch from what the log says: every credential gets exactly one notice and is revoked exactly
 * once, with reason `inactive`. The same for the expiry schedule: one 7-day notice and one record
 * of the expiry per credential.
 */
describe('inactivity and expiry schedulers under SIGKILL', () => {
  jest.setTimeout(240_000);
  let dataDir: string;
  const dataDirs: string[] = [];
  let port: number;
  let app: ChildApp | null = null;
  const t0 = Date.now();

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'latchkey-scheduler-crash-'));
    dataDirs.push(dataDir);
    port = await freePort();
  });
  afterEach(() => {
    if (app && app.process.exitCode === null) app.process.kill('SIGKILL');
  });
  afterAll(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Starts Latchkey on the same data directory, its clock at `at`. */
  const start = async (at: number) => {
    app = await spawnApp(
      { DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn', CLOCK_AT: new Date(at).toISOString() },
      { entry: join(__dirname, 'support', 'moved-clock-app.ts') },
    );
    await waitForStatus(app, '/ready', 200, 60_000);
    return app;
  };

  /** The event log as the store has it on disk, read by another connection. */
  const countByStream = (type: string): Map<string, number> => {
    const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare('SELECT stream, count(*) AS n FROM events WHERE type = ? GROUP BY stream').all(type) as { stream: string; n: number }[];
      return new Map(rows.map((r) => [r.stream, r.n]));
    } finally {
      db.close();
    }
  };
  const revokedInactive = (): Map<string, number> => {
    const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare(`SELECT stream, data FROM events WHERE type = 'CredentialRevoked'`).all() as { stream: string; data: string }[];
      const counts = new Map<string, number>();
      for (const row of rows) {
        expect(JSON.parse(row.data)).toMatchObject({ revocationReason: 'inactive' });
        counts.set(row.stream, (counts.get(row.stream) ?? 0) + 1);
      }
      return counts;
    } finally {
      db.close();
    }
  };
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

  /** Kills the process once `progress()` shows the batch has started, and says how far it had got. */
  const killMidBatch = async (running: ChildApp, progress: () => number): Promise<number> => {
    const deadline = Date.now() + 60_000;
    while (progress() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    running.process.kill('SIGKILL');
    await running.exited;
    return progress();
  };

  const waitUntil = async (done: () => boolean, what: string) => {
    const deadline = Date.now() + 60_000;
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (!done()) throw new Error(`${what} did not finish in 60 s`);
  };

  it('gives each notice once and revokes each credential once across kills and restarts', async () => {
    // Day 0: credentials, then a policy that revokes after 30 days unused.
    let running = await start(t0);
    const admin = new ConsoleClient(running.baseUrl);
    await admin.signup('inactivity-admin@example.com', 'Idle Org');
    for (let i = 0; i < CREDENTIALS; i++) await admin.createCredential(`idle ${i}`);
    const policy = {
      maxCredentialLifetimeDays: null,
      requireExpiry: false,
      organizationWideCredentials: { production: true, sandbox: true },
      thirdPartyApps: 'allowed',
      inactiveCredentialRevocationDays: 30,
      requireMfa: false,
    };
    await admin.call('PUT', '/console/v1/organization/policy', policy);
    running.process.kill('SIGTERM');
    await running.exited;

    // Day 24: the notices are due (day 23). Killed while giving them, then restarted.
    running = await start(t0 + 24 * DAY);
    const noticesAtKill = await killMidBatch(running, () => total(countByStream('CredentialInactivityNoticed')));
    console.log(`notices recorded when the process was killed: ${noticesAtKill} of ${CREDENTIALS}`);
    running = await start(t0 + 24 * DAY);
    await waitUntil(() => countByStream('CredentialInactivityNoticed').size === CREDENTIALS, 'the notices');
    running.process.kill('SIGTERM');
    await running.exited;
    const notices = countByStream('CredentialInactivityNoticed');
    expect(notices.size).toBe(CREDENTIALS);
    expect([...notices.values()].every((n) => n === 1)).toBe(true);
    expect(revokedInactive().size).toBe(0);

    // Day 32: revocations due (the notice was given on day 24, so no earlier than day 31). Killed while revoking.
    running = await start(t0 + 32 * DAY);
    const revokedAtKill = await killMidBatch(running, () => total(revokedInactive()));
    console.log(`revocations recorded when the process was killed: ${revokedAtKill} of ${CREDENTIALS}`);
    running = await start(t0 + 32 * DAY);
    await waitUntil(() => revokedInactive().size === CREDENTIALS, 'the revocations');
    // A further restart finds nothing left to do.
    running.process.kill('SIGKILL');
    await running.exited;
    running = await start(t0 + 40 * DAY);
    await new Promise((r) => setTimeout(r, 1500));
    running.process.kill('SIGTERM');
    await running.exited;

    const revoked = revokedInactive();
    expect(revoked.size).toBe(CREDENTIALS);
    expect([...revoked.values()].every((n) => n === 1)).toBe(true);
    const finalNotices = countByStream('CredentialInactivityNoticed');
    expect(finalNotices.size).toBe(CREDENTIALS);
    expect([...finalNotices.values()].every((n) => n === 1)).toBe(true);
  });

  it('gives each expiry notice once and records each expiry once across kills and restarts', async () => {
    const expiresAt = new Date(t0 + 10 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
    let running = await start(t0);
    const admin = new ConsoleClient(running.baseUrl);
    await admin.signup('expiry-admin@example.com', 'Expiring Org');
    for (let i = 0; i < CREDENTIALS; i++) {
      await admin.call('POST', '/console/v1/credentials', {
        label: `short ${i}`,
        environment: 'production',
        expiresAt,
        allowedApps: { type: 'organization' },
      });
    }
    running.process.kill('SIGTERM');
    await running.exited;

    // Day 4: the 7-day notices are due (day 3). Killed while giving them, then restarted.
    running = await start(t0 + 4 * DAY);
    const noticesAtKill = await killMidBatch(running, () => total(countByStream('CredentialExpiryNoticed')));
    console.log(`expiry notices recorded when the process was killed: ${noticesAtKill} of ${CREDENTIALS}`);
    running = await start(t0 + 4 * DAY);
    await waitUntil(() => countByStream('CredentialExpiryNoticed').size === CREDENTIALS, 'the expiry notices');
    running.process.kill('SIGTERM');
    await running.exited;
    const notices = countByStream('CredentialExpiryNoticed');
    expect([...notices.values()].every((n) => n === 1)).toBe(true);

    // Day 11: past the expiry (the 1-day notice's time passed unseen, so only the expiry is recorded). Killed while recording.
    running = await start(t0 + 11 * DAY);
    const expiredAtKill = await killMidBatch(running, () => total(countByStream('CredentialExpired')));
    console.log(`expiries recorded when the process was killed: ${expiredAtKill} of ${CREDENTIALS}`);
    running = await start(t0 + 11 * DAY);
    await waitUntil(() => countByStream('CredentialExpired').size === CREDENTIALS, 'the expiries');
    running.process.kill('SIGKILL');
    await running.exited;
    running = await start(t0 + 20 * DAY);
    await new Promise((r) => setTimeout(r, 1500));
    running.process.kill('SIGTERM');
    await running.exited;

    const expired = countByStream('CredentialExpired');
    expect(expired.size).toBe(CREDENTIALS);
    expect([...expired.values()].every((n) => n === 1)).toBe(true);
    const finalNotices = countByStream('CredentialExpiryNoticed');
    expect(total(finalNotices)).toBe(CREDENTIALS);
  });
});
