import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { EnvironmentIssuers, signJwt } from '@latchkey/keys';
import { InMemoryKeyRing } from '@latchkey/keys/testing';
import { CREDENTIAL_JWT_PATTERN, CREDENTIAL_JWT_PREFIX, CREDENTIAL_JWT_TYPE } from './credential-jwt';

describe('the credential JWT prefix and pattern', () => {
  const keys = new InMemoryKeyRing();
  const issuers = new EnvironmentIssuers('https://latchkey.example');
  const claims = (environment: 'production' | 'sandbox') => ({
    iss: issuers.issuer(environment),
    aud: issuers.tokenEndpoint(environment),
    sub: '1234567890',
    jti: 'a1b2c3d4-0000-4000-8000-000000000000',
    iat: 1_700_000_000,
    exp: 4_102_444_800,
  });

  it('matches freshly minted credentials of both environments, alone and inside text', () => {
    for (const environment of ['production', 'sandbox'] as const) {
      const jwt = signJwt(keys.activeKey(environment, 'credential'), CREDENTIAL_JWT_TYPE, claims(environment));
      expect(jwt.startsWith(CREDENTIAL_JWT_PREFIX)).toBe(true);
      expect(CREDENTIAL_JWT_PATTERN.exec(jwt)?.[0]).toBe(jwt);
      expect(CREDENTIAL_JWT_PATTERN.exec(`export LATCHKEY_JWT="${jwt}"\n`)?.[0]).toBe(jwt);
    }
  });

  it('is the encoding of the fixed start of the header', () => {
    expect(Buffer.from(CREDENTIAL_JWT_PREFIX, 'base64url').toString('utf8')).toBe('{"alg":"ES256","typ":"credential+jwt","kid":"');
  });

  it('matches no ordinary JWT: another type, another algorithm, another order, an access token', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const hmac = new TextEncoder().encode('x'.repeat(32));
    const others = [
      await new SignJWT(claims('production')).setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: 'k1' }).sign(privateKey),
      await new SignJWT(claims('production')).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(privateKey),
      await new SignJWT(claims('production')).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(hmac),
      await new SignJWT(claims('production')).setProtectedHeader({ typ: 'credential+jwt', alg: 'ES256', kid: 'k1' }).sign(privateKey),
      signJwt(keys.activeKey('production', 'access_token'), 'at+jwt', claims('production')),
    ];
    for (const jwt of others) expect([jwt.slice(0, 40), CREDENTIAL_JWT_PATTERN.test(jwt)]).toEqual([jwt.slice(0, 40), false]);
  });
});
