import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildApp, freePort, spawnApp, waitForStatus } from '../support/child-app';
import { ConsoleClient, requestToken } from '../support/console-client';

interface ListedCredential {
  id: string;
  label: string;
  status: string;
  revision: number;
}

const ROUNDS = 4;
const WRITERS = 8;

/**
 * Runs Latchkey as a child process under console write load and kills it with SIGKILL at random
 * moments. Every acknowledged write must survive exactly once, acknowledged revocations must hold,
 * and read models must resume to the same state a fresh rebuild gives.
 */
describe('crash safety under console write load', () => {
  jest.setTimeout(180_000);
  let dataDir: string;
  let port: number;
  let app: ChildApp | null = null;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'latchkey-crash-'));
    port = await freePort();
  });
  afterAll(async () => {
    if (app && app.process.exitCode === null) app.process.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    app = await spawnApp({ DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn' });
    await waitForStatus(app, '/ready');
    return app;
  };

  it('keeps every acknowledged write exactly once across SIGKILLs', async () => {
    let running = await start();
    const admin = new ConsoleClient(running.baseUrl);
    await admin.signup('crash-admin@example.com', 'Crash Org');
    const appAnswer = await admin.createApp('Crash app', ['jwt_bearer']);
    const client = appAnswer.clients.production;

    const created = new Map<string, { label: string; jwt: string }>();
    const revoked = new Set<string>();
    // A revoke in flight when the process died may or may not have been stored: either is correct.
    const revokeUnacknowledged = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const api = new ConsoleClient(running.baseUrl, admin.token);
      let stop = false;
      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          try {
            const label = `r${round} w${w} #${i}`;
            const answer = await api.createCredential(label);
            created.set(answer.credential.id, { label, jwt: answer.jwt });
            if (i % 3 === 2) {
              revokeUnacknowledged.add(answer.credential.id);
              await api.call('POST', `/console/v1/credentials/${answer.credential.id}/revoke`, { reason: 'crash test' });
              revokeUnacknowledged.delete(answer.credential.id);
              revoked.add(answer.credential.id);
            }
          } catch {
            return; // the process died under us: that write was not acknowledged
          }
        }
      });
      await new Promise((r) => setTimeout(r, 400 + Math.random() * 1200));
      running.process.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      await running.exited;

      running = await start();
      const listed = await new ConsoleClient(running.baseUrl, admin.token).listAll<ListedCredential>('/console/v1/credentials');
      const ids = listed.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const [id, { label }] of created) {
        const found = listed.find((c) => c.id === id);
        expect(found).toMatchObject({ id, label });
        if (revokeUnacknowledged.has(id)) expect(['active', 'revoked']).toContain(found!.status);
        else expect(found!.status).toBe(revoked.has(id) ? 'revoked' : 'active');
      }
      // Nothing was stored twice: at most one unacknowledged creation per writer per round.
      expect(listed.length - created.size).toBeLessThanOrEqual(WRITERS * (round + 1));
    }
    expect(created.size).toBeGreaterThan(20);
    expect(revoked.size).toBeGreaterThan(3);

    // Acknowledged revocations hold at the token endpoint; acknowledged creations work.
    const someRevoked = [...revoked].slice(0, 3);
    const someActive = [...created.keys()].filter((id) => !revoked.has(id) && !revokeUnacknowledged.has(id)).slice(0, 3);
    for (const id of someRevoked) {
      const answer = await requestToken(running.baseUrl, client, created.get(id)!.jwt);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('invalid_grant');
    }
    for (const id of someActive) expect((await requestToken(running.baseUrl, client, created.get(id)!.jwt)).status).toBe(200);

    // The resumed read models equal a fresh rebuild from the event log.
    const resumed = await new ConsoleClient(running.baseUrl, admin.token).listAll<ListedCredential>('/console/v1/credentials');
    running.process.kill('SIGTERM');
    await running.exited;
    rmSync(join(dataDir, 'read-models.sqlite'), { force: true });
    rmSync(join(dataDir, 'read-models.sqlite-wal'), { force: true });
    rmSync(join(dataDir, 'read-models.sqlite-shm'), { force: true });
    running = await start();
    const rebuilt = await new ConsoleClient(running.baseUrl, admin.token).listAll<ListedCredential>('/console/v1/credentials');
    const key = (list: ListedCredential[]) =>
      [...list].sort((a, b) => a.id.localeCompare(b.id)).map((c) => `${c.id}|${c.label}|${c.status}|${c.revision}`);
    expect(key(rebuilt)).toEqual(key(resumed));
    running.process.kill('SIGTERM');
    await running.exited;
  });
});
