/**
 * Runs every benchmark one after another (`npm run bench:all`); `-- --write-docs` makes each one
 * replace its table in docs/performance.md with the figures of this run, so the documentation never
 * shows figures typed by hand. Stops at the first benchmark that fails to run.
 */
import { spawnSync } from 'node:child_process';
import { repoRoot } from './support/processes';

const BENCHMARKS = ['bench:event-store', 'bench:console-writes', 'bench:token', 'bench:cold-start'];
const passThrough = process.argv.slice(2);

for (const script of BENCHMARKS) {
  process.stdout.write(`\n=== npm run ${script} ${passThrough.join(' ')}\n`);
  const { status } = spawnSync('npm', ['run', script, ...(passThrough.length ? ['--', ...passThrough] : [])], { cwd: repoRoot, stdio: 'inherit' });
  // The event-store benchmark exits 1 when a target is missed: that is a result, not a failure to run.
  if (status !== 0 && !(script === 'bench:event-store' && status === 1)) {
    process.stderr.write(`npm run ${script} exited ${status}\n`);
    process.exit(status ?? 1);
  }
}
