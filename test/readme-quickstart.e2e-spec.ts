import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildApp, freePort, spawnApp, waitForStatus } from './support/child-app';

const repoRoot = join(__dirname, '..');

/** The code block of the README between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
function readmeBlock(name: string): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = new RegExp(`<!-- ${name}:start -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`).exec(readme);
  if (!section) throw new Error(`README.md has no ${name} block`);
  return section[1];
}

describe("the README's quickstart, run as written against a started server", () => {
  jest.setTimeout(90_000);
  let dataDir: string;
  let app: ChildApp;
  let metrics: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'latchkey-quickstart-'));
    const [port, metricsPort] = [await freePort(), await freePort()];
    app = await spawnApp({ DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, METRICS_PORT: String(metricsPort) });
    metrics = `http://127.0.0.1:${metricsPort}`;
    await waitForStatus(app, '/ready');
  });

  afterAll(async () => {
    app.process.kill('SIGTERM');
    await app.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('goes from sign-up to an access token with curl, sees it counted in the metrics, a pipeline lists credentials with an API token, and a resource server verifies the access token against the JWKS', () => {
    // The pipeline block continues the quickstart (its session and password): run after it, in the same shell.
    const script = `set -euo pipefail\n${readmeBlock('quickstart')}\necho\necho "ACCESS_TOKEN=$ACCESS_TOKEN"\n${readmeBlock('quickstart-pipeline')}\necho "API_TOKEN=$API_TOKEN"\n`;
    const out = execFileSync('bash', ['-c', script], {
      env: { PATH: process.env.PATH, BASE: app.baseUrl, METRICS: metrics },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out).toContain('"email":"ada@example.com"');
    expect(out).toMatch(/^latchkey_token_requests_total\{[^}]*grant_type="[^"]*jwt[^"]*"[^}]*outcome="issued"\} 1$/m);
    const accessToken = /^ACCESS_TOKEN=(\S+)$/m.exec(out)![1];
    expect(/^API_TOKEN=(\S+)$/m.exec(out)![1]).toMatch(/^lkc_[0-9A-Za-z]{38}$/);
    // The pipeline's call lists the credential of step 3 with the token alone.
    expect(out).toMatch(/^\{"items":\[\{[^\n]*"label":"billing sync"/m);

    const verified = execFileSync(process.execPath, ['--input-type=module', '-e', readmeBlock('quickstart-verify')], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, BASE: app.baseUrl, ACCESS_TOKEN: accessToken },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(verified).toMatch(/^token of user \S+ for client \S+, scope ReadAccounts$/m);
  });
});
