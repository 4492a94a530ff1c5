import { execFile } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the operator command as an operator would (`bin/latchkey.js`, a process of its own) with exactly `env` (plus PATH). */
export function latchkey(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'bin/latchkey.js'), ...args],
      { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
