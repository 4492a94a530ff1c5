import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GLIBC_TUNABLES } from '../apps/api/src/config/glibc-tunables';

const root = join(__dirname, '..');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const MAIN = 'node dist/apps/api/src/main.js';

/** What the script's shell gives the server in GLIBC_TUNABLES, the server replaced by a probe. */
function tunablesOf(script: string, env: Record<string, string>): string {
  expect(script).toContain(MAIN);
  const probe = script.replace('npm run build && ', '').replace(MAIN, `node -e "process.stdout.write(process.env.GLIBC_TUNABLES ?? 'unset')"`);
  return execFileSync('sh', ['-c', probe], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
}

describe('GLIBC_TUNABLES of the server', () => {
  it.each(['start', 'start:prod'])('npm run %s starts the server with them unless they are set', (name) => {
    expect(tunablesOf(scripts[name], {})).toBe(GLIBC_TUNABLES);
    expect(tunablesOf(scripts[name], { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' })).toBe('glibc.malloc.arena_max=2');
  });

  it('the image sets them', () => {
    const env = readFileSync(join(root, 'Dockerfile'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('ENV '))
      .join(' ');
    expect(env).toContain(` GLIBC_TUNABLES=${GLIBC_TUNABLES}`);
  });
});
