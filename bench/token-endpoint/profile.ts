/**
 * CPU profile of the built server under the token benchmark's load (jwt-bearer, then jwt-bearer
 * with a refresh token), start-up and set-up left out. Writes `token-endpoint.cpuprofile` (or
 * `$CPU_PROFILE`) and prints where the time went. Run with
 * `taskset -c 1 node -r @swc-node/register bench/token-endpoint/profile.ts` (after `npx nest build api`);
 * with `TARGET=minimal`, it profiles the minimal endpoint under the same load instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { drive } from '../support/load';
import { repoRoot } from '../support/processes';
import { setUpLatchkey, startMinimal, type Target } from './targets';

const DURATION_SECONDS = Number(process.env.DURATION ?? 10);
const output = resolve(process.env.CPU_PROFILE ?? 'token-endpoint.cpuprofile');

/** Frames whose inclusive time is worth knowing for a token request. */
const FRAMES = [
  'handleRequest fastify',
  'runMiddie|Holder',
  'fastify-adapter.js',
  'ContentTypeParser.run|rawBody',
  'bind node:async_hooks',
  'onSendEnd|onSendHook',
  'TokenEndpoint|handle .*token-endpoint',
  'parseForm',
];

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-profile-token-'));
  // LATCHKEY_MAIN profiles another build of the server (e.g. of an earlier commit) with this script.
  const latchkey = await setUpLatchkey(dataDir, {
    nodeArgs: ['-r', '@swc-node/register', '-r', './bench/support/cpu-profile.ts'],
    main: process.env.LATCHKEY_MAIN,
    env: { CPU_PROFILE: output },
  });
  const profiled =
    process.env.TARGET === 'minimal'
      ? await startMinimal(dataDir, latchkey.jwt, { nodeArgs: ['-r', './bench/support/cpu-profile.ts'], env: { CPU_PROFILE: output } }).then((m) => ({
          server: m.server,
          targets: [m.target, m.target],
        }))
      : { server: latchkey.server, targets: [latchkey.jwtOnly, latchkey.withRefresh] };
  let requests = 0;
  const load = (t: Target) => drive(t.url, { connections: 50, durationSeconds: DURATION_SECONDS, body: t.body, headers: t.headers });
  try {
    await load(profiled.targets[0]); // warm-up
    profiled.server.process.kill('SIGWINCH');
    for (const target of profiled.targets) requests += (await load(target)).requests;
    profiled.server.process.kill('SIGWINCH');
    await new Promise((r) => setTimeout(r, 2000));
  } finally {
    await Promise.all([latchkey.server.stop(), profiled.server.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.stdout.write(
    execFileSync(process.execPath, ['-r', '@swc-node/register', 'bench/support/profile-summary.ts', output, ...FRAMES], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, REQUESTS: String(requests) },
    }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
