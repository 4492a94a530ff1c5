/**
 * Preloaded into a server (`-r @swc-node/register -r ./bench/support/cpu-profile.ts`) to profile a
 * window of its life: the first SIGWINCH (a signal Nest does not take as a shutdown signal) starts the V8 CPU profiler, the second writes the profile
 * to `CPU_PROFILE` (a `.cpuprofile` file, for Chrome DevTools or `bench/support/profile-summary.ts`).
 * Unlike `node --cpu-prof`, it leaves out start-up and set-up, and it does not need the process to
 * exit normally (Nest re-raises SIGTERM once it has closed).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const session = new Session();
session.connect();
let profiling = false;

process.on('SIGWINCH', () => {
  if (!profiling) {
    profiling = true;
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start')));
    return;
  }
  profiling = false;
  session.post('Profiler.stop', (error, result) => {
    if (error) process.stderr.write(`cpu profile: ${error.message}\n`);
    else writeFileSync(process.env.CPU_PROFILE ?? 'server.cpuprofile', JSON.stringify(result.profile));
    process.stderr.write('cpu profile written\n');
  });
});
