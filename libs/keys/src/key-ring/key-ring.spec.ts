import { compactVerify, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signJwt } from '../jwt/sign-jwt';
import { KeyRing } from './key-ring';

describe('KeyRing', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'latchkey-keys-'));
    file = join(dir, 'keys.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates one active ES256 key per environment and purpose, in an owner-only file', () => {
    const ring = new KeyRing(file);
    const keys = ring.list();
    expect(keys).toHaveLength(4);
    expect(keys.map((k) => `${k.environment}/${k.purpose}/${k.status}`).sort()).toEqual([
      'production/access_token/active',
      'production/credential/active',
      'sandbox/access_token/active',
      'sandbox/credential/active',
    ]);
    expect(new Set(keys.map((k) => k.kid)).size).toBe(4);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps the same keys across restarts', () => {
    const first = new KeyRing(file).list();
    expect(new KeyRing(file).list()).toEqual(first);
  });

  it('signs JWTs that verify with the published JWKS, and only in their own environment and purpose', async () => {
    const ring = new KeyRing(file);
    const key = ring.activeKey('production', 'access_token');
    const token = signJwt(key, 'at+jwt', { sub: 'u1', exp: Math.floor(Date.now() / 1000) + 60 });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', typ: 'at+jwt', kid: key.kid });
    const { payload } = await jwtVerify(token, createLocalJWKSet(ring.jwks('production', 'access_token')), { typ: 'at+jwt' });
    expect(payload.sub).toBe('u1');
    await expect(jwtVerify(token, createLocalJWKSet(ring.jwks('sandbox', 'access_token')))).rejects.toThrow();
    await expect(jwtVerify(token, createLocalJWKSet(ring.jwks('production', 'credential')))).rejects.toThrow();
    expect(ring.verificationKey('production', 'access_token', key.kid)).toBe(key);
    expect(ring.verificationKey('sandbox', 'access_token', key.kid)).toBeNull();
    expect(ring.verificationKey('production', 'credential', key.kid)).toBeNull();
  });

  it('publishes public keys only', () => {
    const jwks = new KeyRing(file).jwks('sandbox', 'credential');
    expect(jwks.keys).toHaveLength(1);
    expect(Object.keys(jwks.keys[0]).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(JSON.stringify(jwks)).not.toContain('"d"');
  });

  it('rotates without breaking what older keys signed, and retiring a key stops it verifying', async () => {
    const ring = new KeyRing(file);
    const old = ring.activeKey('production', 'credential');
    const oldToken = signJwt(old, 'JWT', { sub: 'u1' });
    const [newKid] = ring.rotate(['production'], ['credential']);
    expect(ring.activeKey('production', 'credential').kid).toBe(newKid);
    expect(ring.verificationKey('production', 'credential', old.kid)?.status).toBe('previous');
    expect(
      ring
        .jwks('production', 'credential')
        .keys.map((k) => k.kid)
        .sort(),
    ).toEqual([newKid, old.kid].sort());
    await expect(compactVerify(oldToken, ring.verificationKey('production', 'credential', old.kid)!.publicKey)).resolves.toBeDefined();
    // The other pairs are untouched.
    expect(ring.list().filter((k) => k.status === 'active')).toHaveLength(4);

    const reopened = new KeyRing(file);
    expect(reopened.verificationKey('production', 'credential', old.kid)).not.toBeNull();
    reopened.retire(old.kid);
    expect(reopened.verificationKey('production', 'credential', old.kid)).toBeNull();
    expect(reopened.jwks('production', 'credential').keys.map((k) => k.kid)).toEqual([newKid]);
    expect(() => reopened.retire(newKid)).toThrow(/active/);

    ring.reload();
    expect(ring.verificationKey('production', 'credential', old.kid)).toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8')).keys).toHaveLength(5);
  });

  it('keeps keys in memory only when given no file', () => {
    const a = new KeyRing(null);
    const b = new KeyRing(null);
    expect(a.activeKey('production', 'credential').kid).not.toBe(b.activeKey('production', 'credential').kid);
  });
});
