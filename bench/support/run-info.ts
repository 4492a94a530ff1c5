import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { repoRoot } from './processes';

/**
 * The commit the benchmark ran on (`+dirty` when the tree had uncommitted changes other than the
 * figures a `--write-docs` run rewrites as it goes).
 */
export function commitLabel(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    const changed = git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!README.md', ':!docs/performance.md');
    return changed ? `${commit}+dirty` : commit;
  } catch {
    return 'unknown commit';
  }
}

/** Read when a benchmark loads this module, as it starts: the end of a run says nothing of what competed with it. */
const LOAD_AVERAGE_AT_START = loadavg()[0];

/**
 * One line that says where a figure comes from: the date, the machine (CPU model and cores), Node,
 * the commit, and the load average when the run started (above about 1.5 on two cores, other work
 * competed with the benchmark).
 */
export function runInfo(started = new Date()): string {
  const cpu = cpus();
  return (
    `Run on ${started.toISOString().slice(0, 10)}, ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length} cores, ` +
    `Node ${process.version}, commit ${commitLabel()}, load average ${LOAD_AVERAGE_AT_START.toFixed(2)} at the start.`
  );
}
