import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateRefreshTokenSecret } from './refresh-token-secret';

describe('loadOrCreateRefreshTokenSecret', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'latchkey-rt-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a 32-byte secret in an owner-only file, and reads the same one on the next start', () => {
    const file = join(dir, 'nested', 'refresh-token.key');
    const first = loadOrCreateRefreshTokenSecret(file);
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateRefreshTokenSecret(file).equals(first)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('base64'));
  });

  it('leaves no temporary file behind, and a second start racing the first reads its secret', () => {
    const file = join(dir, 'refresh-token.key');
    const first = loadOrCreateRefreshTokenSecret(file);
    expect(readdirSync(dir)).toEqual(['refresh-token.key']);
    expect(loadOrCreateRefreshTokenSecret(file).equals(first)).toBe(true);
  });

  it('keeps a random secret in memory without a file', () => {
    expect(loadOrCreateRefreshTokenSecret(null).equals(loadOrCreateRefreshTokenSecret(null))).toBe(false);
  });

  it('refuses a file that does not hold a secret', () => {
    const file = join(dir, 'refresh-token.key');
    writeFileSync(file, 'short');
    expect(() => loadOrCreateRefreshTokenSecret(file)).toThrow(/does not hold/);
  });
});
