import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { backupDatabaseFile } from '@latchkey/event-store';
import { bearer, join as joinOrganization, login, signup } from './support/console';
import { CREDENTIALS } from './support/credentials-journey';
import { newMasterKey, startInstance } from './support/instances';
import { latchkey } from './support/latchkey-cli';
import { createOAuthApp, exchange, issueCredential, refresh } from './support/oauth-journey';
import type { TestApp } from './support/test-app';

const mode = (path: string) => statSync(path).mode & 0o777;
const listing = (dir: string) => readdirSync(dir).sort();

describe('latchkey backup and restore', () => {
  jest.setTimeout(240_000);
  let root: string;
  let source: string;
  /** Taken under write load, without the master key. */
  let loaded: string;
  /** Taken afterwards, with --include-master-key. */
  let withKey: string;
  let masterKey: string;
  let devEmail: string;
  let acknowledgedBefore: string[];
  let acknowledgedAfter: string[];
  let oldCredential: { jwt: string };
  let oldRefreshToken: string;
  let client: { clientId: string; clientSecret: string };
  let backupPosition: number;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'latchkey-backup-'));
    source = join(root, 'source');
    loaded = join(root, 'backup-loaded');
    withKey = join(root, 'backup-with-key');
    const t = await startInstance({ dataDir: source });
    try {
      const admin = await signup(t, { organizationName: 'Acme' });
      const dev = await joinOrganization(t, admin, 'developer');
      devEmail = dev.email;
      const app = await createOAuthApp(t, admin.token);
      client = app.clients.production!;
      oldCredential = await issueCredential(t, dev.token, { label: 'Old' });
      const issued = await exchange(t, 'production', client, oldCredential.jwt).expect(200);
      oldRefreshToken = issued.body.refresh_token;

      // Four writers create credentials until told to stop; each write is timed by its acknowledgement.
      const acknowledged: { id: string; at: number }[] = [];
      let writing = true;
      const writer = async (n: number) => {
        for (let i = 0; writing; i++) {
          const res = await request(t.server)
            .post(CREDENTIALS)
            .set(bearer(dev.token))
            .send({
              label: `load ${n}-${i}`,
              environment: 'production',
              expiresAt: null,
              allowedApps: { type: 'organization' },
            });
          if (res.status !== 201) throw new Error(`credential creation failed: ${res.status} ${JSON.stringify(res.body)}`);
          acknowledged.push({ id: res.body.credential.id, at: Date.now() });
        }
      };
      const writers = Promise.all([0, 1, 2, 3].map(writer));
      const deadline = Date.now() + 60_000;
      while (acknowledged.length < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const startedAt = Date.now();
      const backedUp = await latchkey({ DATA_DIR: source }, 'backup', loaded, '--json');
      const finishedAt = Date.now();
      // Keep writing a little after the backup, so that the source's log ends past the backup's.
      const afterBackup = acknowledged.length;
      while (acknowledged.length < afterBackup + 8 && Date.now() < deadline + 60_000) await new Promise((r) => setTimeout(r, 50));
      writing = false;
      await writers;
      expect(backedUp).toMatchObject({ code: 0, stderr: '' });
      backupPosition = JSON.parse(backedUp.stdout).lastEventPosition;
      acknowledgedBefore = acknowledged.filter((w) => w.at < startedAt).map((w) => w.id);
      acknowledgedAfter = acknowledged.filter((w) => w.at > finishedAt).map((w) => w.id);
      console.log(
        `backup took ${finishedAt - startedAt} ms under load: ${acknowledgedBefore.length} credentials acknowledged before it began, ` +
          `${acknowledged.length - acknowledgedBefore.length - acknowledgedAfter.length} during it, ${acknowledgedAfter.length} after it; ` +
          `the backup ends at position ${backupPosition}`,
      );
      expect(acknowledgedBefore.length).toBeGreaterThanOrEqual(20);
      expect(acknowledgedAfter.length).toBeGreaterThan(0);

      expect((await latchkey({ DATA_DIR: source }, 'backup', withKey, '--include-master-key')).code).toBe(0);
    } finally {
      await t.close();
    }
    masterKey = readFileSync(join(source, 'master.key'), 'utf8').trim();
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes an owner-only backup: the two databases and a manifest with their checksums, without the master key unless asked', () => {
    expect(mode(loaded)).toBe(0o700);
    expect(listing(loaded)).toEqual(['events.sqlite', 'manifest.json', 'read-models.sqlite']);
    for (const file of listing(loaded)) expect(mode(join(loaded, file))).toBe(0o600);
    const manifest = JSON.parse(readFileSync(join(loaded, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'latchkey-backup',
      formatVersion: 1,
      latchkeyVersion: JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version,
      eventStore: 'sqlite',
      lastEventPosition: backupPosition,
      masterKeyIncluded: false,
      masterKeyId: null,
    });
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual(['read-models.sqlite', 'events.sqlite']);
    expect(manifest.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);

    expect(listing(withKey)).toEqual(['events.sqlite', 'manifest.json', 'master.key', 'read-models.sqlite']);
    expect(mode(join(withKey, 'master.key'))).toBe(0o600);
    expect(readFileSync(join(withKey, 'master.key'), 'utf8').trim()).toBe(masterKey);
    expect(JSON.parse(readFileSync(join(withKey, 'manifest.json'), 'utf8'))).toMatchObject({
      masterKeyIncluded: true,
      masterKeyId: expect.stringMatching(/^mk-/),
    });
  });

  it('restores into an empty DATA_DIR: every write acknowledged before the backup began is there, the old credential exchanges and its refresh token refreshes', async () => {
    const dataDir = join(root, 'restored');
    const restored = await latchkey({ DATA_DIR: dataDir, MASTER_KEY: masterKey }, 'restore', loaded, '--json');
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(restored.stdout)).toMatchObject({ dataDir, lastEventPosition: backupPosition, masterKey: 'MASTER_KEY' });
    expect(mode(dataDir)).toBe(0o700);
    expect(listing(dataDir)).toEqual(['events.sqlite', 'read-models.sqlite']);
    for (const file of listing(dataDir)) expect(mode(join(dataDir, file))).toBe(0o600);

    const t = await startInstance({ dataDir, masterKey });
    try {
      const token = await login(t, devEmail);
      const missing: string[] = [];
      for (const id of acknowledgedBefore) {
        const res = await request(t.server).get(`${CREDENTIALS}/${id}`).set(bearer(token));
        if (res.status !== 200) missing.push(`${id}: ${res.status}`);
      }
      expect(missing).toEqual([]);
      const issued = await exchange(t, 'production', client, oldCredential.jwt);
      expect(issued.status).toBe(200);
      expect(issued.body.access_token).toEqual(expect.any(String));
      const refreshed = await refresh(t, 'production', client, oldRefreshToken);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.access_token).toEqual(expect.any(String));
    } finally {
      await t.close();
    }
  });

  it('refuses a non-empty DATA_DIR (exit 73) and changes nothing in it', async () => {
    const dataDir = join(root, 'occupied');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');
    const result = await latchkey({ DATA_DIR: dataDir, MASTER_KEY: masterKey }, 'restore', loaded);
    expect(result.code).toBe(73);
    expect(result.stderr).toContain(`DATA_DIR ${dataDir} is not empty`);
    expect(listing(dataDir)).toEqual(['notes.txt']);
  });

  it('refuses a tampered backup (exit 65) and creates no DATA_DIR', async () => {
    const tampered = join(root, 'tampered');
    cpSync(withKey, tampered, { recursive: true });
    const file = join(tampered, 'read-models.sqlite');
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(file, bytes);
    const dataDir = join(root, 'from-tampered');
    const result = await latchkey({ DATA_DIR: dataDir }, 'restore', tampered);
    expect(result.code).toBe(65);
    expect(result.stderr).toContain('read-models.sqlite');
    expect(result.stderr).toContain('does not match its checksum');
    expect(existsSync(dataDir)).toBe(false);

    writeFileSync(join(tampered, 'manifest.json'), '{"format":"latchkey-backup"');
    expect((await latchkey({ DATA_DIR: dataDir }, 'restore', tampered)).code).toBe(65);
    expect((await latchkey({ DATA_DIR: dataDir }, 'restore', join(root, 'no-such-backup'))).code).toBe(66);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('without the master key in the backup, restore needs MASTER_KEY (exit 78 without it or with another), creating nothing', async () => {
    const dataDir = join(root, 'keyless');
    const without = await latchkey({ DATA_DIR: dataDir }, 'restore', loaded);
    expect(without.code).toBe(78);
    expect(without.stderr).toContain('set MASTER_KEY or MASTER_KEY_FILE');
    expect(existsSync(dataDir)).toBe(false);
    const wrong = await latchkey({ DATA_DIR: dataDir, MASTER_KEY: newMasterKey() }, 'restore', loaded);
    expect(wrong.code).toBe(78);
    expect(wrong.stderr).toContain('MASTER_KEY does not open the key ring');
    expect(existsSync(dataDir)).toBe(false);
    expect(without.stderr + wrong.stderr).not.toContain(masterKey);
  });

  it('a backup with --include-master-key restores without MASTER_KEY, its master key into DATA_DIR/master.key', async () => {
    const dataDir = join(root, 'with-key');
    mkdirSync(dataDir, { mode: 0o755 });
    const result = await latchkey({ DATA_DIR: dataDir }, 'restore', withKey);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`master key was restored to ${dataDir}/master.key`);
    expect(mode(dataDir)).toBe(0o700);
    expect(listing(dataDir)).toEqual(['events.sqlite', 'master.key', 'read-models.sqlite']);
    expect(mode(join(dataDir, 'master.key'))).toBe(0o600);
    expect(readFileSync(join(dataDir, 'master.key'), 'utf8').trim()).toBe(masterKey);
  });

  it('rebuilds read models whose checkpoint lies past the restored log', async () => {
    const dataDir = join(root, 'ahead');
    expect((await latchkey({ DATA_DIR: dataDir, MASTER_KEY: masterKey }, 'restore', loaded)).code).toBe(0);
    // The source's read models saw the writes made after the backup.
    rmSync(join(dataDir, 'read-models.sqlite'));
    await backupDatabaseFile(join(source, 'read-models.sqlite'), join(dataDir, 'read-models.sqlite'));
    let t: TestApp | undefined;
    try {
      t = await startInstance({ dataDir, masterKey });
      const token = await login(t, devEmail);
      // Written after the backup: in the read models as copied, not in the restored log, so gone after the rebuild.
      for (const id of acknowledgedAfter) await request(t.server).get(`${CREDENTIALS}/${id}`).set(bearer(token)).expect(404);
      for (const id of acknowledgedBefore.slice(0, 5)) await request(t.server).get(`${CREDENTIALS}/${id}`).set(bearer(token)).expect(200);
    } finally {
      await t?.close();
    }
  });

  it('refuses a non-empty backup directory (exit 73) and leaves it as it was', async () => {
    const result = await latchkey({ DATA_DIR: source }, 'backup', loaded);
    expect(result.code).toBe(73);
    expect(result.stderr).toContain(`The backup directory ${loaded} is not empty`);
    expect(listing(loaded)).toEqual(['events.sqlite', 'manifest.json', 'read-models.sqlite']);
  });

  it.each([
    [['backup'], 'backup takes one argument'],
    [['backup', 'a', 'b'], 'backup takes one argument'],
    [['backup', 'x', '--bogus'], "Unknown option '--bogus'"],
    [['backup', 'x', '--include-master-key=yes'], "Option '--include-master-key' does not take an argument"],
    [['backup', 'x', '--purpose', 'credential'], 'backup takes no --purpose'],
    [['restore'], 'restore takes one argument'],
    [['restore', 'x', '--include-master-key'], 'restore takes no --include-master-key'],
    [['restore', 'x', '--new-key-file'], "Option '--new-key-file <value>' argument missing"],
  ])('%j exits 64 with the usage and creates nothing', async (args, message) => {
    const cwd = join(root, 'strict');
    const result = await latchkey({ DATA_DIR: join(root, 'strict-data') }, ...args.map((a) => (a === 'x' ? join(cwd, 'x') : a)));
    expect(result.code).toBe(64);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('latchkey backup <dir>');
    expect(existsSync(cwd)).toBe(false);
    expect(existsSync(join(root, 'strict-data'))).toBe(false);
  });
});
