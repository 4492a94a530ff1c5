import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { bearer, join as joinOrganization, signup, type SignedUp } from './support/console';
import { latchkey } from './support/latchkey-cli';
import { startTestApp, type TestApp } from './support/test-app';

/** `latchkey audit export`: the export route's lines, from a running server's read models, opened read-only. */
describe('the operator command latchkey audit export', () => {
  jest.setTimeout(120_000);
  let root: string;
  let dataDir: string;
  let t: TestApp;
  let admin: SignedUp;

  const exportOf = (...args: string[]) => latchkey({ DATA_DIR: dataDir }, 'audit', 'export', ...args);
  const routeExport = async (query: string) =>
    (
      await request(t.server)
        .get(`/console/v1/audit/export?${query}`)
        .set(bearer(admin.token))
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => done(null, text));
        })
        .expect(200)
    ).body as string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'latchkey-audit-cli-'));
    dataDir = join(root, 'data');
    t = await startTestApp({ DATA_DIR: dataDir });
    admin = await signup(t, { organizationName: 'Audited' });
    await joinOrganization(t, admin, 'developer');
    await request(t.server)
      .post('/console/v1/credentials')
      .set(bearer(admin.token))
      .send({ label: '=HYPERLINK("x")', environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('prints the same NDJSON and CSV as the console’s export route, while the server runs', async () => {
    const ndjson = await exportOf('--organization', admin.organizationId);
    expect(ndjson.code).toBe(0);
    expect(ndjson.stdout).toBe(await routeExport('format=ndjson'));
    const types = ndjson.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).type);
    expect(types).toEqual(expect.arrayContaining(['member.invited', 'member.joined', 'credential.created']));

    const csv = await exportOf('--organization', admin.organizationId, '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(await routeExport('format=csv'));
    expect(csv.stdout).toContain(`'=HYPERLINK`);
  });

  it('applies the route’s filters', async () => {
    const filtered = await exportOf('--organization', admin.organizationId, '--type', 'credential.created', '--json');
    expect(filtered.code).toBe(0);
    expect(filtered.stdout).toBe(await routeExport('type=credential.created'));
    expect(filtered.stdout.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['--organization'], "Option '--organization <value>' argument missing"],
    [[], 'audit export needs --organization <id>'],
    [['--organization', 'x', '--format', 'xml'], '--format must be one of ndjson, csv'],
    [['--organization', 'x', '--bogus'], "Unknown option '--bogus'"],
    [['--organization', 'x', '--since', 'yesterday'], 'since must be an ISO 8601 date'],
    [['--organization', 'x', '--json', '--format', 'csv'], '--json and --format csv contradict each other'],
  ])('%j exits 64 with the usage', async (args, message) => {
    const result = await exportOf(...args);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('names an organization the log does not hold (exit 66), and creates nothing where no server ran', async () => {
    const unknown = await exportOf('--organization', '00000000-0000-4000-8000-000000000000');
    expect(unknown.code).toBe(66);
    expect(unknown.stderr).toContain('holds no organization 00000000-0000-4000-8000-000000000000');

    const missing = join(root, 'never-started');
    const result = await latchkey({ DATA_DIR: missing }, 'audit', 'export', '--organization', admin.organizationId);
    expect(result.code).toBe(66);
    expect(existsSync(missing)).toBe(false);
  });
});
