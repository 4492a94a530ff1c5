import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');
const consoleDir = join(repoRoot, 'apps', 'console');
const builtIndex = join(repoRoot, 'dist', 'console', 'index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Jest global setup of the browser tests: builds the console when the build is missing or older than its sources. */
export default function buildConsole(): void {
  const stale = !existsSync(builtIndex) || statSync(builtIndex).mtimeMs < newestSource(consoleDir);
  if (!stale) return;
  execFileSync(process.execPath, [join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', consoleDir, '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}
