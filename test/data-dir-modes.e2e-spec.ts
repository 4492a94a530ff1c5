import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type ChildApp, spawnApp, waitForStatus } from './support/child-app';
import { uniqueEmail } from './support/console';

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');

/** Every directory and file under `root`, with its permission bits. */
function modesUnder(root: string): Record<string, string> {
  const modes: Record<string, string> = { '.': octal(statSync(root).mode) };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      modes[relative(root, path)] = octal(statSync(path).mode);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(root);
  return modes;
}

/**
 * DATA_DIR is owner-only: the directory `0700`, every file Latchkey writes in it `0600` — the event
 * store and the read models with their WAL and shared-memory files, the key ring and the refresh
 * token key — whatever the umask, and an existing directory is tightened. The real entry point
 * runs as a child process (with umask 000, so nothing comes out private by accident), and the
 * modes are read while it runs, after it has written something.
 */
describe('file modes in DATA_DIR', () => {
  jest.setTimeout(120_000);
  let root: string;
  let app: ChildApp | null = null;
  let umask: number;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'latchkey-modes-'));
    umask = process.umask(0o000);
  });
  afterEach(async () => {
    if (app && app.process.exitCode === null && app.process.signalCode === null) {
      app.process.kill('SIGTERM');
      await app.exited;
    }
    app = null;
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  async function startAndWrite(dataDir: string): Promise<Record<string, string>> {
    app = await spawnApp({ DATA_DIR: dataDir, EVENT_STORE: 'sqlite', LOG_LEVEL: 'warn' });
    await waitForStatus(app, '/ready');
    const signup = await fetch(`${app.baseUrl}/console/v1/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: uniqueEmail('modes'), password: 'Correct-Horse-Battery-42', name: 'Mo Des', organizationName: 'Modes' }),
    });
    expect(signup.status).toBe(201);
    return modesUnder(dataDir);
  }

  function expectOwnerOnly(modes: Record<string, string>) {
    console.log(`DATA_DIR modes: ${JSON.stringify(modes)}`);
    const expected = Object.fromEntries(Object.keys(modes).map((path) => [path, path === '.' ? '0700' : '0600']));
    expect(modes).toEqual(expected);
    // The files that must be there, so that the check above covers them.
    expect(Object.keys(modes)).toEqual(
      expect.arrayContaining([
        'events.sqlite',
        'events.sqlite-wal',
        'events.sqlite-shm',
        'read-models.sqlite',
        'read-models.sqlite-wal',
        'read-models.sqlite-shm',
        'master.key',
      ]),
    );
  }

  it('creates a new DATA_DIR (and its missing parents) 0700, with every file 0600', async () => {
    const dataDir = join(root, 'fresh', 'nested', 'data');
    expectOwnerOnly(await startAndWrite(dataDir));
    expect(octal(statSync(join(root, 'fresh')).mode)).toBe('0700');
  });

  it('tightens an existing DATA_DIR and files left with wider modes', async () => {
    const dataDir = join(root, 'existing');
    mkdirSync(dataDir, { mode: 0o777 });
    chmodSync(dataDir, 0o755);
    // An empty file is a new database to SQLite: as an earlier version would have left it, world-readable.
    writeFileSync(join(dataDir, 'events.sqlite'), '', { mode: 0o644 });
    chmodSync(join(dataDir, 'events.sqlite'), 0o644);
    expectOwnerOnly(await startAndWrite(dataDir));
  });
});
