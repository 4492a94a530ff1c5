import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { type Projection, ProjectionRunner, SqliteEventStore } from '@latchkey/event-store';
import { bearer, signup } from './support/console';
import { CREDENTIALS } from './support/credentials-journey';
import { createOAuthApp, exchange, issueCredential } from './support/oauth-journey';
import { startTestApp, type TestApp } from './support/test-app';

/** The projections the token endpoint reads on every request. */
const BUMPED = ['credentials.allowlist', 'organizations.app-directory'];
const OTHER_CREDENTIALS = 60;

/**
 * An upgrade that changes the version of the projections the token endpoint depends on, restarted
 * on the same data directory: the instance is ready as soon as it has resumed, the previous rows
 * answer token requests while the new versions are built beside them, and no token request fails
 * before, during or after the swap.
 */
describe('a projection version change under token load (e2e, sqlite)', () => {
  let dir: string;
  let t: TestApp | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'latchkey-version-change-'));
  });
  afterAll(async () => {
    await t?.close();
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps answering token requests and /ready 200 while the new versions are built, and swaps them in', async () => {
    // First life, on the current versions.
    t = await startTestApp({ DATA_DIR: dir, LOG_LEVEL: 'warn' });
    const admin = await signup(t, { organizationName: 'Acme' });
    const app = await createOAuthApp(t, admin.token, { grantTypes: ['jwt_bearer'] });
    const client = app.clients.production!;
    for (let i = 0; i < OTHER_CREDENTIALS; i += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, j) => issueCredential(t!, admin.token, { label: `other ${i + j}` })));
    }
    const credential = await issueCredential(t, admin.token, { label: 'exchanged' });
    const doomed = await issueCredential(t, admin.token, { label: 'revoked during the rebuild' });
    expect((await exchange(t, 'production', client, credential.jwt)).status).toBe(200);
    await t.close();

    // The upgrade: the same code with the token path's projections at a new version. Reads of the
    // log from its start (the rebuild's) wait until the test opens the gate, so requests are
    // known to run while the rebuild has not finished.
    const register = ProjectionRunner.prototype.register;
    jest.spyOn(ProjectionRunner.prototype, 'register').mockImplementation(function (this: ProjectionRunner, ...projections: Projection[]) {
      for (const p of projections) if (BUMPED.includes(p.name)) Object.assign(p, { version: p.version + 1 });
      return register.apply(this, projections);
    });
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const readAll = SqliteEventStore.prototype.readAll;
    jest.spyOn(SqliteEventStore.prototype, 'readAll').mockImplementation(async function (this: SqliteEventStore, options = {}) {
      if (!options.after) await gate;
      return readAll.call(this, options);
    });

    t = await startTestApp({ DATA_DIR: dir, LOG_LEVEL: 'warn' });
    const runner = t.app.get(ProjectionRunner);
    const answers: number[] = [];
    const readiness: number[] = [];
    const load = async (rounds: number) => {
      for (let i = 0; i < rounds; i++) {
        const [token, ready] = await Promise.all([
          Promise.all(Array.from({ length: 10 }, () => exchange(t!, 'production', client, credential.jwt))),
          request(t!.server).get('/ready'),
        ]);
        answers.push(...token.map((r) => r.status));
        readiness.push(ready.status);
      }
    };

    await load(5);
    expect(runner.rebuilding.sort()).toEqual([...BUMPED].sort());
    const duringRebuild = answers.length;

    // A revocation while the previous rows serve takes effect at once.
    await request(t.server).post(`${CREDENTIALS}/${doomed.id}/revoke`).set(bearer(admin.token)).send({ reason: 'leaked' }).expect(200);
    expect((await exchange(t, 'production', client, doomed.jwt)).status).toBe(400);

    openGate();
    let settled = false;
    const swapped = runner.rebuildsSettled().then(() => (settled = true));
    while (!settled) await load(1);
    await swapped;
    await load(5);

    const failed = answers.filter((s) => s !== 200);
    process.stdout.write(
      `${answers.length} token requests (${duringRebuild} before the rebuild could finish), ${failed.length} failed; ` +
        runner.swaps
          .map((s) => `${s.name} ${s.fromVersion}→${s.toVersion}: built in ${s.rebuildSeconds.toFixed(2)} s, swapped in ${s.swapMs.toFixed(1)} ms`)
          .join('; ') +
        '\n',
    );
    expect(failed).toEqual([]);
    expect(readiness.every((s) => s === 200)).toBe(true);
    expect(runner.swaps.map((s) => s.name).sort()).toEqual([...BUMPED].sort());
    expect(runner.rebuilding).toEqual([]);
    // The rebuilt allowlist still refuses the revoked credential and knows every other one.
    expect((await exchange(t, 'production', client, doomed.jwt)).status).toBe(400);
    const other = await issueCredential(t, admin.token, { label: 'after the swap' });
    expect((await exchange(t, 'production', client, other.jwt)).status).toBe(200);
  });
});
