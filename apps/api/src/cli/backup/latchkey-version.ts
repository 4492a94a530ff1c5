import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The version in Latchkey's package.json: found upwards from here, in a checkout (the source) and in the image (`dist/`) alike. */
export function latchkeyVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'latchkey' && pkg.version) return pkg.version;
    } catch {
      // no package.json at this level
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
