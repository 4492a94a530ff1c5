import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { bearer, PASSWORD, signup } from './support/console';
import { startTestApp, type TestApp } from './support/test-app';

/** The regular expressions the README gives secret scanners, by name, from its `token-patterns` block. */
function readmePatterns(): Map<string, RegExp> {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const block = /<!-- token-patterns:start -->\s*```text\n([\s\S]*?)```\s*<!-- token-patterns:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no token-patterns block');
  return new Map(
    block[1]
      .trim()
      .split('\n')
      .map((line) => {
        const [, name, source] = /^(.+?)\s{2,}(\S+)$/.exec(line)!;
        return [name, new RegExp(source, 'g')] as const;
      }),
  );
}

/** The regular expressions of the scanner rule files in docs/secret-scanning, by rule name. */
function scannerRules(): Map<string, RegExp> {
  const dir = join(__dirname, '..', 'docs', 'secret-scanning');
  const gitleaks = readFileSync(join(dir, 'gitleaks.toml'), 'utf8');
  const trufflehog = readFileSync(join(dir, 'trufflehog.yaml'), 'utf8');
  const rules = new Map<string, RegExp>();
  for (const [, id, source] of gitleaks.matchAll(/id = "([^"]+)"[\s\S]*?regex = '''(.+?)'''/g)) rules.set(`gitleaks ${id}`, new RegExp(source, 'g'));
  for (const [, name, source] of trufflehog.matchAll(/- name: (\S+)[\s\S]*?regex:\n\s+\w+: '(.+?)'/g))
    rules.set(`trufflehog ${name}`, new RegExp(source, 'g'));
  return rules;
}

/** Every match of `pattern` in `text`. */
const matches = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].map((m) => m[0]);

describe("the README's token patterns match what Latchkey issues, and nothing else", () => {
  jest.setTimeout(60_000);
  let t: TestApp;
  let jwt: string;
  let apiToken: string;
  let sessionToken: string;
  const patterns = readmePatterns();
  const jwtPattern = () => patterns.get('credential JWT')!;
  const tokenPattern = () => patterns.get('console API token')!;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await signup(t);
    sessionToken = admin.token;
    const credential = await request(t.server)
      .post('/console/v1/credentials')
      .set(bearer(admin.token))
      .send({ label: 'scanned', environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } })
      .expect(201);
    jwt = credential.body.jwt;
    const token = await request(t.server)
      .post('/console/v1/me/api-tokens')
      .set(bearer(admin.token))
      .send({ name: 'scanned', scopes: ['credentials:read'], expiresAt: new Date(Date.now() + 86_400_000).toISOString(), password: PASSWORD })
      .expect(201);
    apiToken = token.body.token;
  });
  afterAll(() => t?.close());

  it('gives both patterns', () => {
    expect([...patterns.keys()]).toEqual(['credential JWT', 'console API token']);
  });

  it('finds an issued credential JWT and an issued API token, whole, in a leaked file', () => {
    const leaked = `# .env\nRC_JWT=${jwt}\nLATCHKEY_TOKEN="${apiToken}"\n`;
    expect(matches(jwtPattern(), leaked)).toEqual([jwt]);
    expect(matches(tokenPattern(), leaked)).toEqual([apiToken]);
  });

  it('gives scanners ready rules that find each format, and only it', () => {
    const rules = scannerRules();
    expect([...rules.keys()].sort()).toEqual([
      'gitleaks latchkey-console-api-token',
      'gitleaks latchkey-credential-jwt',
      'trufflehog LatchkeyConsoleApiToken',
      'trufflehog LatchkeyCredentialJWT',
    ]);
    const leaked = `RC_JWT=${jwt}\nLATCHKEY_TOKEN="${apiToken}"\n`;
    const found = (rule: RegExp) => [...leaked.matchAll(rule)].map((m) => m[1] ?? m[0].replace(/[^A-Za-z0-9_.-]$/, ''));
    for (const [name, rule] of rules) expect([name, found(rule)]).toEqual([name, [/Token$|token$/.test(name) ? apiToken : jwt]]);
  });

  it('matches neither random strings, sessions, ids, nor a near-miss of either format', () => {
    const base62 = (n: number) =>
      Array.from(randomBytes(n), (b) => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[b % 62]).join('');
    const [header, payload, signature] = jwt.split('.');
    const others = [
      randomBytes(32).toString('base64url'),
      randomBytes(64).toString('hex'),
      randomUUID(),
      sessionToken,
      base62(42),
      `lkc_${base62(37)}`,
      `lkc_${base62(39)}`,
      `lkx_${base62(38)}`,
      `lkc_${base62(20)}-${base62(17)}`,
      `${Buffer.from('{"alg":"ES256","typ":"at+jwt","kid":"k"}').toString('base64url')}.${payload}.${signature}`,
      `${header}.${payload}`,
    ];
    for (const other of others) {
      expect([other, matches(jwtPattern(), other)]).toEqual([other, []]);
      expect([other, matches(tokenPattern(), other)]).toEqual([other, []]);
    }
  });
});
