/**
 * Token endpoint benchmark: Latchkey's jwt-bearer exchange against the minimal token endpoint,
 * each pinned to core 0, load generated from core 1 (run this script with `taskset -c 1`).
 * Alternating rounds; figures are medians. Run with `npm run bench:token`.
 */
import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleClient } from '../../test/support/console-client';
import { drive, type LoadResult } from '../support/load';
import { buildApi, fmt, freePort, median, startPinned, type Server } from '../support/processes';

const ROUNDS = Number(process.env.ROUNDS ?? 2);
const DURATION_SECONDS = Number(process.env.DURATION ?? 10);
const CONNECTIONS = 50;
const OTHER_CREDENTIALS = 2000;
const SERVER_CORE = 0;

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

interface Target {
  name: string;
  url: string;
  body: string;
  headers: Record<string, string>;
}

async function setUpLatchkey(dataDir: string): Promise<{ server: Server; jwtOnly: Target; withRefresh: Target; jwt: string }> {
  const port = await freePort();
  const server = await startPinned(
    SERVER_CORE,
    ['dist/apps/api/src/main.js'],
    { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn' },
    '/ready',
  );
  const admin = new ConsoleClient(server.baseUrl);
  await admin.signup(`bench-${Date.now()}@example.com`, 'Bench Org');
  const plain = await admin.createApp('Bench app', ['jwt_bearer']);
  const refreshing = await admin.createApp('Bench app with refresh', ['jwt_bearer', 'refresh_token']);
  process.stdout.write(`creating ${fmt(OTHER_CREDENTIALS)} other credentials…\n`);
  for (let i = 0; i < OTHER_CREDENTIALS; i += 20) {
    await Promise.all(Array.from({ length: 20 }, (_, j) => admin.createCredential(`other ${i + j}`)));
  }
  const { jwt } = await admin.createCredential('the benchmarked credential');
  const target = (name: string, client: { clientId: string; clientSecret: string }): Target => ({
    name,
    url: `${server.baseUrl}/restapi/oauth/token`,
    body: new URLSearchParams({ grant_type: JWT_BEARER, assertion: jwt }).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`,
    },
  });
  const jwtOnly = target('Latchkey (jwt-bearer)', plain.clients.production);
  const withRefresh = target('Latchkey (jwt-bearer + refresh token)', refreshing.clients.production);
  for (const t of [jwtOnly, withRefresh]) {
    const res = await fetch(t.url, { method: 'POST', headers: t.headers, body: t.body });
    if (res.status !== 200) throw new Error(`${t.name}: token request answered ${res.status} ${await res.text()}`);
  }
  return { server, jwtOnly, withRefresh, jwt };
}

async function startMinimal(dataDir: string, jwt: string): Promise<{ server: Server; target: Target }> {
  const kid = JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString()).kid as string;
  const ring = JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8')) as { keys: { kid: string; privateJwk: JsonWebKey }[] };
  const { d: _d, ...verifyJwk } = ring.keys.find((k) => k.kid === kid)!.privateJwk;
  const signJwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const port = await freePort();
  const server = await startPinned(
    SERVER_CORE,
    ['-r', '@swc-node/register', 'bench/token-endpoint/minimal-endpoint.ts'],
    { PORT: String(port), VERIFY_JWK: JSON.stringify(verifyJwk), SIGN_JWK: JSON.stringify(signJwk) },
    '/health',
  );
  const target: Target = {
    name: 'minimal token endpoint',
    url: `${server.baseUrl}/token`,
    body: new URLSearchParams({ grant_type: JWT_BEARER, assertion: jwt }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
  const res = await fetch(target.url, { method: 'POST', headers: target.headers, body: target.body });
  if (res.status !== 200) throw new Error(`minimal endpoint answered ${res.status}`);
  return { server, target };
}

const load = (t: Target) => drive(t.url, { connections: CONNECTIONS, durationSeconds: DURATION_SECONDS, body: t.body, headers: t.headers });

function summarize(results: LoadResult[]) {
  return {
    rps: median(results.map((r) => r.requestsPerSecond)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    failures: results.reduce((n, r) => n + r.non2xx + r.errors, 0),
  };
}

async function main(): Promise<void> {
  buildApi();
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-bench-token-'));
  const latchkey = await setUpLatchkey(dataDir);
  const minimal = await startMinimal(dataDir, latchkey.jwt);
  const results: Record<string, LoadResult[]> = { latchkey: [], minimal: [], refresh: [] };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      process.stdout.write(`round ${round}/${ROUNDS}…\n`);
      results.latchkey.push(await load(latchkey.jwtOnly));
      results.minimal.push(await load(minimal.target));
      results.refresh.push(await load(latchkey.withRefresh));
    }
  } finally {
    await Promise.all([latchkey.server.stop(), minimal.server.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const l = summarize(results.latchkey);
  const m = summarize(results.minimal);
  const r = summarize(results.refresh);
  const row = (name: string, s: ReturnType<typeof summarize>, ratio: string) =>
    `| ${name} | ${fmt(s.rps)} | ${fmt(s.p50, 1)} ms | ${fmt(s.p99, 1)} ms | ${ratio} | ${s.failures} |`;
  process.stdout.write(
    [
      '',
      `Token endpoint, ${CONNECTIONS} connections, ${DURATION_SECONDS} s per round, ${ROUNDS} alternating rounds (medians), server on one core:`,
      '',
      '| endpoint | requests/s | p50 | p99 | ratio vs minimal | non-2xx/errors |',
      '|---|---|---|---|---|---|',
      row(latchkey.jwtOnly.name, l, fmt(l.rps / m.rps, 2)),
      row(latchkey.withRefresh.name, r, fmt(r.rps / m.rps, 2)),
      row(minimal.target.name, m, '1.00'),
      '',
      `Targets: ratio ≥ 1.0 → ${l.rps / m.rps >= 1 ? 'PASS' : 'MISS'} (${fmt(l.rps / m.rps, 2)}); p99 ≤ 25 ms → ${l.p99 <= 25 ? 'PASS' : 'MISS'} (${fmt(l.p99, 1)} ms)`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
