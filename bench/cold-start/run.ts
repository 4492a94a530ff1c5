/**
 * Cold-start benchmark: an event store of about 1,000,000 events (100 organizations, 20,000 users,
 * 100,000 credentials and their changes), then the time from process start to `/ready` and the
 * resident memory, first rebuilding every read model from zero, then restarting on the persisted
 * read models; an empty store is the baseline measured in the same run. RSS is read 2 s after
 * `/ready` and again after `SETTLE_SECONDS` (default 90) idle.
 * Run with `npm run bench:cold-start` (SCALE=0.1 for a tenth of the data).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore } from '../../libs/event-store/src/adapters/sqlite/sqlite-event-store';
import { EnvironmentIssuers } from '../../libs/keys/src/contracts/issuers';
import { signJwt } from '../../libs/keys/src/jwt/sign-jwt';
import { KeyRing } from '../../libs/keys/src/key-ring/key-ring';
import { openKeyRingAtStart } from '../../libs/keys/src/commands/open-at-start';
import { loadOrCreateMasterKeyFile, MASTER_KEY_FILE_NAME } from '../../libs/keys/src/shared/master-key-file';
import { requestToken } from '../../test/support/console-client';
import { buildApi, fmt, freePort, LATCHKEY_START_ENV, startPinned } from '../support/processes';
import { publish, runLabel } from '../support/figures-doc';
import { runInfo } from '../support/run-info';
import { generate } from './generate';

const SCALE = Number(process.env.SCALE ?? 1);
const SHAPE = { organizations: Math.max(1, Math.round(100 * SCALE)), usersPerOrganization: 200, credentialsPerUser: 5 };
const TARGET_SECONDS = 30;
const TARGET_BYTES_PER_CREDENTIAL = 2048;
/**
 * How long each server is left idle after `/ready` before its settled RSS is read: after a rebuild,
 * V8's memory reducer gives the heap the build outgrew back about 50 s after the last allocations
 * (measured with `--trace-gc`); until then RSS holds the build's garbage, not what the read models keep.
 */
const SETTLE_SECONDS = Number(process.env.SETTLE_SECONDS ?? 90);

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

/** A bare catch-up read of the whole store from the start, as the projections' subscription reads it, applying nothing. */
async function bareCatchUpSeconds(file: string): Promise<{ seconds: number; events: number }> {
  const store = new SqliteEventStore(file);
  const started = performance.now();
  let events = 0;
  await new Promise<void>((resolve, reject) => {
    const subscription = store.subscribeToAll({
      after: null,
      onEvent: () => void events++,
      onCaughtUp: () => void subscription.close().then(resolve, reject),
      onError: reject,
    });
  });
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return { seconds, events };
}

interface Started {
  seconds: number;
  /** 2 s after `/ready`. */
  rss: number;
  /** After `SETTLE_SECONDS` idle. */
  settledRss: number;
  stop: () => Promise<void>;
}

async function timeToReady(dataDir: string, port: number): Promise<Started> {
  const started = performance.now();
  const server = await startPinned(
    0,
    ['dist/apps/api/src/main.js'],
    { ...LATCHKEY_START_ENV, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn' },
    '/ready',
    // A rebuild from zero is what this measures: it may take minutes on a slow machine.
    15 * 60_000,
  );
  const seconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 2000));
  const rss = rssBytes(server.process.pid!);
  await new Promise((r) => setTimeout(r, (SETTLE_SECONDS - 2) * 1000));
  return { seconds, rss, settledRss: rssBytes(server.process.pid!), stop: server.stop };
}

async function main(): Promise<void> {
  const started = new Date();
  buildApi();
  const port = await freePort();
  const empty = mkdtempSync(join(tmpdir(), 'latchkey-bench-empty-'));
  const full = mkdtempSync(join(tmpdir(), 'latchkey-bench-cold-'));
  try {
    process.stdout.write(
      `generating ${fmt(SHAPE.organizations)} organizations, ${fmt(SHAPE.organizations * SHAPE.usersPerOrganization)} users, ${fmt(SHAPE.organizations * SHAPE.usersPerOrganization * SHAPE.credentialsPerUser)} credentials…\n`,
    );
    const genStarted = performance.now();
    const store = new SqliteEventStore(join(full, 'events.sqlite'));
    const generated = await generate(store, SHAPE);
    // The key ring the server will open, made as its first start would make it.
    const opened = await openKeyRingAtStart(store, loadOrCreateMasterKeyFile(join(full, MASTER_KEY_FILE_NAME)), null, {
      log: () => {},
      warn: () => {},
    });
    await store.close();
    process.stdout.write(`${fmt(generated.events)} events written in ${fmt((performance.now() - genStarted) / 1000, 1)} s\n`);

    // A credential JWT for one generated credential, signed with the key ring the server will load.
    const ring = new KeyRing();
    ring.install(opened.ring);
    const issuers = new EnvironmentIssuers(`http://127.0.0.1:${port}`);
    const now = Math.floor(Date.now() / 1000);
    const jwt = signJwt(ring.activeKey('production', 'credential'), 'credential+jwt', {
      iss: issuers.issuer('production'),
      aud: issuers.tokenEndpoint('production'),
      sub: generated.probe.ownerEnvironmentUserId,
      jti: generated.probe.credentialId,
      iat: now,
      exp: Date.parse('2029-01-01T00:00:00.000Z') / 1000,
    });

    const bare = await bareCatchUpSeconds(join(full, 'events.sqlite'));
    const baseline = await timeToReady(empty, port);
    await baseline.stop();
    const rebuild = await timeToReady(full, port);
    const probe = await requestToken(`http://127.0.0.1:${port}`, generated.probe, jwt);
    await rebuild.stop();
    const restart = await timeToReady(full, port);
    await restart.stop();
    if (probe.status !== 200) throw new Error(`token request for a generated credential answered ${probe.status}: ${JSON.stringify(probe.body)}`);

    const perCredential = (r: Started, rss: 'rss' | 'settledRss' = 'settledRss') => (r[rss] - baseline[rss]) / generated.credentials;
    const mib = (bytes: number) => `${fmt(bytes / 2 ** 20)} MiB`;
    const row = (name: string, r: Started, withPer: boolean) =>
      `| ${name} | ${fmt(r.seconds, 1)} s | ${mib(r.rss)} | ${mib(r.settledRss)} | ${withPer ? `${fmt(perCredential(r))} B (${fmt(perCredential(r, 'rss'))} B at 2 s)` : '—'} |`;
    publish(
      'cold-start',
      [
        runInfo(started),
        '',
        `Cold start with ${fmt(generated.events)} events (${fmt(generated.credentials)} credentials), server on one core:`,
        '',
        `| start | time to /ready | RSS 2 s after /ready | RSS after ${SETTLE_SECONDS} s idle | RSS per credential over the empty baseline, settled |`,
        '|---|---|---|---|---|',
        row('empty store (baseline)', baseline, false),
        row('rebuilding every read model from zero', rebuild, true),
        row('restart on persisted read models', restart, true),
        '',
        `A bare catch-up read of the same store (every event read and decoded, nothing applied, in this process): ${fmt(bare.seconds, 1)} s for ${fmt(bare.events)} events; rebuild / bare read: ${fmt(rebuild.seconds / bare.seconds, 1)}× (goal ≤ 5×).`,
        `A token request for a generated credential: ${probe.status}.`,
        `Targets: ≤ ${TARGET_SECONDS} s to ready → rebuild ${rebuild.seconds <= TARGET_SECONDS ? 'PASS' : 'MISS'}, restart ${restart.seconds <= TARGET_SECONDS ? 'PASS' : 'MISS'}; ≤ ${fmt(TARGET_BYTES_PER_CREDENTIAL)} B RSS per credential → ${Math.max(perCredential(rebuild), perCredential(restart)) <= TARGET_BYTES_PER_CREDENTIAL ? 'PASS' : 'MISS'} (settled)`,
      ].join('\n'),
      `- Cold start on ${fmt(generated.events)} events, one core (\`npm run bench:cold-start\`, ${runLabel(started)}): ${fmt(rebuild.seconds, 1)} s to \`/ready\` rebuilding every read model from zero, ${fmt(restart.seconds, 1)} s restarting on them (target ${TARGET_SECONDS} s).`,
    );
  } finally {
    rmSync(empty, { recursive: true, force: true });
    rmSync(full, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
