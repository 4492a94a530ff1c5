/** The token benchmark's servers: Latchkey with its data set, and the minimal endpoint. */
import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ConsoleClient } from '../../test/support/console-client';
import { fmt, freePort, LATCHKEY_START_ENV, startPinned, type Server } from '../support/processes';

const OTHER_CREDENTIALS = 2000;
export const SERVER_CORE = 0;

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface Target {
  name: string;
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** Options of the Latchkey server: node options before the script, the script (default this checkout's build), its environment. */
export interface LatchkeyOptions {
  nodeArgs?: string[];
  main?: string;
  env?: Record<string, string>;
}

export async function setUpLatchkey(
  dataDir: string,
  { nodeArgs = [], main = 'dist/apps/api/src/main.js', env = {} }: LatchkeyOptions = {},
): Promise<{ server: Server; jwtOnly: Target; withRefresh: Target; jwt: string }> {
  const port = await freePort();
  // Metrics on, as in production, on a port of their own.
  const metricsPort = await freePort();
  const server = await startPinned(
    SERVER_CORE,
    [...nodeArgs, main],
    {
      ...LATCHKEY_START_ENV,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      ...env,
    },
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

/** The public JWK of the credential key `kid`: from the key ring's events in the store (or a `keys.json` of older versions). */
function credentialKeyOf(dataDir: string, kid: string): JsonWebKey {
  const keysFile = join(dataDir, 'keys.json');
  if (existsSync(keysFile)) {
    const ring = JSON.parse(readFileSync(keysFile, 'utf8')) as { keys: { kid: string; privateJwk: JsonWebKey }[] };
    const { d: _d, ...verifyJwk } = ring.keys.find((k) => k.kid === kid)!.privateJwk;
    return verifyJwk;
  }
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT data FROM events WHERE type = 'KeyCreated'`).all() as { data: string }[];
    const key = rows.map((row) => JSON.parse(row.data) as { kid: string; publicJwk: JsonWebKey | null }).find((k) => k.kid === kid);
    if (!key?.publicJwk) throw new Error(`no public key ${kid} in the key ring`);
    return key.publicJwk;
  } finally {
    db.close();
  }
}

export async function startMinimal(
  dataDir: string,
  jwt: string,
  { nodeArgs = [], env = {} }: Omit<LatchkeyOptions, 'main'> = {},
): Promise<{ server: Server; target: Target }> {
  const kid = JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString()).kid as string;
  const verifyJwk = credentialKeyOf(dataDir, kid);
  const signJwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const port = await freePort();
  const server = await startPinned(
    SERVER_CORE,
    [...nodeArgs, '-r', '@swc-node/register', 'bench/token-endpoint/minimal-endpoint.ts'],
    { PORT: String(port), VERIFY_JWK: JSON.stringify(verifyJwk), SIGN_JWK: JSON.stringify(signJwk), ...env },
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
