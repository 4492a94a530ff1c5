import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvironmentIssuers, signJwt } from '@latchkey/keys';
import { InMemoryKeyRing } from '@latchkey/keys/testing';
import { OAuthError } from '../oauth-error';
import { CredentialAssertionValidator } from './credential-assertion-validator';

const PUBLIC_URL = 'http://latchkey.test';
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const nowSeconds = Math.floor(NOW / 1000);

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');

/** Builds a compact JWS from any header and payload, signed however the attacker likes. */
function forge(header: unknown, payload: unknown, signer: (input: string) => Buffer | string = () => 'c2lnbmF0dXJl'): string {
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = signer(input);
  return `${input}.${typeof signature === 'string' ? signature : signature.toString('base64url')}`;
}

const es256 = (key: KeyObject) => (input: string) => sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });

describe('CredentialAssertionValidator', () => {
  let ring: InMemoryKeyRing;
  let issuers: EnvironmentIssuers;
  let now: number;
  let validator: CredentialAssertionValidator;
  let kid: string;

  const claims = (overrides: Record<string, unknown> = {}) => ({
    iss: 'http://latchkey.test',
    aud: 'http://latchkey.test/restapi/oauth/token',
    sub: 'env-user-1',
    jti: 'cred-1',
    iat: nowSeconds - 60,
    exp: nowSeconds + 3600,
    ...overrides,
  });
  const credential = (overrides: Record<string, unknown> = {}, environment: 'production' | 'sandbox' = 'production') =>
    signJwt(ring.activeKey(environment, 'credential'), 'credential+jwt', claims(overrides));

  async function refusal(assertion: string, environment: 'production' | 'sandbox' = 'production'): Promise<OAuthError> {
    try {
      await validator.validate(environment, assertion);
    } catch (error) {
      expect(error).toBeInstanceOf(OAuthError);
      return error as OAuthError;
    }
    throw new Error('the assertion was accepted');
  }

  const expect216 = async (assertion: string, environment: 'production' | 'sandbox' = 'production') => {
    const error = await refusal(assertion, environment);
    expect({ status: error.status, error: error.error, errorCode: error.errorCode }).toEqual({
      status: 400,
      error: 'invalid_grant',
      errorCode: 'OAU-216',
    });
    return error;
  };

  beforeEach(() => {
    ring = new InMemoryKeyRing();
    issuers = new EnvironmentIssuers(PUBLIC_URL);
    now = NOW;
    validator = new CredentialAssertionValidator(ring, issuers, { nowMs: () => now, now: () => new Date(now) });
    kid = ring.activeKey('production', 'credential').kid;
  });

  it('accepts a genuine credential JWT and returns its claims', async () => {
    const result = await validator.validate('production', credential());
    expect(result).toEqual({
      jwt: { credentialId: 'cred-1', subject: 'env-user-1', expiresAt: nowSeconds + 3600, kid },
      expired: false,
      cached: false,
    });
  });

  it('remembers a verified token by its hash: the next use skips the signature check', async () => {
    const token = credential();
    expect((await validator.validate('production', token)).cached).toBe(false);
    expect((await validator.validate('production', token)).cached).toBe(true);
    // the cache is per environment: in the sandbox the same token is a production credential
    expect((await refusal(token, 'sandbox')).errorCode).toBe('OAU-214');
  });

  it('answers a remembered token synchronously, with the same checks as validate', async () => {
    const token = credential();
    expect(validator.remembered('production', token)).toBeNull();
    const first = await validator.validate('production', token);
    expect(validator.remembered('production', token)).toEqual({ ...first, cached: true });
    expect(validator.remembered('sandbox', token)).toBeNull();
    now = NOW + 3_700_000;
    expect(validator.remembered('production', token)).toMatchObject({ expired: true, cached: true });
    ring.rotate(['production'], ['credential']);
    expect(validator.remembered('production', token)).toMatchObject({ cached: true });
    ring.retire(kid);
    expect(validator.remembered('production', token)).toBeNull();
    expect(validator.remembered('production', `${token}${'x'.repeat(5000)}`)).toBeNull();
  });

  it('stops accepting a remembered token once its key is retired', async () => {
    const token = credential();
    await validator.validate('production', token);
    ring.rotate(['production'], ['credential']);
    expect((await validator.validate('production', token)).cached).toBe(true); // previous keys still verify
    ring.retire(kid);
    const error = await expect216(token);
    expect(error.message).toContain('signing key is unknown');
  });

  it('reports expiry (with 30 s of tolerance) instead of refusing, also for remembered tokens', async () => {
    const token = credential({ exp: nowSeconds - 10 });
    expect((await validator.validate('production', token)).expired).toBe(false);
    now = NOW + 60_000;
    expect(await validator.validate('production', token)).toMatchObject({ expired: true, cached: true });
    const old = credential({ jti: 'cred-2', exp: nowSeconds - 100 });
    expect(await validator.validate('production', old)).toMatchObject({ expired: true, cached: false, jwt: { credentialId: 'cred-2' } });
  });

  it('answers OAU-214 for a genuine credential of the other environment, both ways', async () => {
    const sandboxCredential = credential({ iss: 'http://latchkey.test/sandbox', aud: 'http://latchkey.test/sandbox/restapi/oauth/token' }, 'sandbox');
    expect((await validator.validate('sandbox', sandboxCredential)).jwt.credentialId).toBe('cred-1');
    expect((await refusal(sandboxCredential, 'production')).errorCode).toBe('OAU-214');
    expect((await refusal(credential(), 'sandbox')).errorCode).toBe('OAU-214');
  });

  it('answers OAU-216 for a sandbox key with production claims (issuer and audience are checked per environment)', async () => {
    await expect216(credential({}, 'sandbox'), 'sandbox');
  });

  describe('refuses forged and malformed assertions with OAU-216', () => {
    it.each(['none', 'None', 'NONE', 'nOnE'])('alg: %s, with and without a signature', async (alg) => {
      const header = { alg, typ: 'credential+jwt', kid };
      await expect216(forge(header, claims()));
      await expect216(`${b64(header)}.${b64(claims())}.`);
    });

    it('HS256 signed with the public key as the HMAC secret (algorithm confusion)', async () => {
      const publicKey = ring.activeKey('production', 'credential').publicKey;
      const secrets = [
        publicKey.export({ format: 'pem', type: 'spki' }),
        publicKey.export({ format: 'der', type: 'spki' }),
        JSON.stringify(publicKey.export({ format: 'jwk' })),
      ];
      for (const secret of secrets) {
        for (const alg of ['HS256', 'HS384', 'HS512']) {
          const hash = `sha${alg.slice(2)}`;
          await expect216(forge({ alg, typ: 'credential+jwt', kid }, claims(), (input) => createHmac(hash, secret).update(input).digest()));
        }
      }
    });

    it("an attacker's own ES256 key with a valid-looking (and even the real) kid", async () => {
      const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const signer = es256(attacker.privateKey);
      const error = await expect216(forge({ alg: 'ES256', typ: 'credential+jwt', kid }, claims(), signer));
      expect(error.message).toContain('signature');
      await expect216(forge({ alg: 'ES256', typ: 'credential+jwt', kid: 'prod-cred-AAAAAAAAAAAA' }, claims(), signer));
      await expect216(forge({ alg: 'ES256', typ: 'credential+jwt' }, claims(), signer));
    });

    it('an embedded jwk header carrying the attacker key', async () => {
      const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = attacker.publicKey.export({ format: 'jwk' });
      await expect216(forge({ alg: 'ES256', typ: 'credential+jwt', kid, jwk }, claims(), es256(attacker.privateKey)));
      await expect216(forge({ alg: 'ES256', typ: 'credential+jwt', jwk }, claims(), es256(attacker.privateKey)));
    });

    describe('jku, x5u and x5c headers', () => {
      let server: Server;
      let connections = 0;
      let url: string;
      beforeAll(async () => {
        server = createServer((_req, res) => res.end('{"keys":[]}'));
        server.on('connection', () => connections++);
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      });
      afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

      it('are ignored: nothing is fetched and the forgery fails', async () => {
        const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        const signer = es256(attacker.privateKey);
        const cert = Buffer.from('not really a certificate').toString('base64');
        for (const extra of [
          { jku: `${url}/jwks.json` },
          { x5u: `${url}/cert.pem` },
          { x5c: [cert] },
          { jku: `${url}/a`, x5u: `${url}/b`, kid: 'attacker' },
        ]) {
          await expect216(forge({ alg: 'ES256', typ: 'credential+jwt', kid, ...extra }, claims(), signer));
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(connections).toBe(0);
      });
    });

    it.each([
      ['exp missing', { exp: undefined }],
      ['exp a string', { exp: String(nowSeconds + 3600) }],
      ['iss missing', { iss: undefined }],
      ['iss of another service', { iss: 'https://evil.example' }],
      ['iss of the sandbox', { iss: 'http://latchkey.test/sandbox' }],
      ['aud missing', { aud: undefined }],
      ['aud another endpoint', { aud: 'http://latchkey.test/restapi/oauth/revoke' }],
      ['aud the sandbox token endpoint', { aud: 'http://latchkey.test/sandbox/restapi/oauth/token' }],
      ['sub missing', { sub: undefined }],
      ['sub a number', { sub: 42 }],
      ['jti missing', { jti: undefined }],
      ['jti a number', { jti: 7 }],
      ['nbf in the future', { nbf: nowSeconds + 3600 }],
    ])('claims: %s', async (_name, overrides) => {
      await expect216(credential(overrides));
    });

    it.each([
      ['typ JWT', 'JWT'],
      ['typ at+jwt', 'at+jwt'],
      ['typ something else', 'credential'],
    ])('header: %s', async (_name, typ) => {
      await expect216(signJwt(ring.activeKey('production', 'credential'), typ, claims()));
    });

    it('header: typ missing', async () => {
      const key = ring.activeKey('production', 'credential');
      await expect216(forge({ alg: 'ES256', kid: key.kid }, claims(), es256(key.privateKey)));
    });

    it('header: crit or b64', async () => {
      const key = ring.activeKey('production', 'credential');
      await expect216(forge({ alg: 'ES256', typ: 'credential+jwt', kid: key.kid, crit: ['exp'] }, claims(), es256(key.privateKey)));
      await expect216(forge({ alg: 'ES256', typ: 'credential+jwt', kid: key.kid, b64: false, crit: ['b64'] }, claims(), es256(key.privateKey)));
    });

    it('an access token presented as an assertion', async () => {
      const accessToken = signJwt(ring.activeKey('production', 'access_token'), 'at+jwt', claims());
      await expect216(accessToken);
      // even one signed with a credential key but typed as an access token
      await expect216(signJwt(ring.activeKey('production', 'credential'), 'at+jwt', claims()));
    });

    it('a JSON array or a string as the payload', async () => {
      const key = ring.activeKey('production', 'credential');
      const header = { alg: 'ES256', typ: 'credential+jwt', kid: key.kid };
      await expect216(forge(header, [claims()], es256(key.privateKey)));
      await expect216(forge(header, '"just a string"', es256(key.privateKey)));
      await expect216(forge(header, 'not json at all', es256(key.privateKey)));
    });

    it('a header that is not a JSON object', async () => {
      const key = ring.activeKey('production', 'credential');
      await expect216(forge([{ alg: 'ES256', kid: key.kid }], claims(), es256(key.privateKey)));
      await expect216(forge('"ES256"', claims(), es256(key.privateKey)));
    });

    it('the JWS JSON serialization', async () => {
      const [protectedHeader, payload, signature] = credential().split('.');
      await expect216(JSON.stringify({ protected: protectedHeader, payload, signature }));
      await expect216(JSON.stringify({ payload, signatures: [{ protected: protectedHeader, signature }] }));
    });

    it('a five-part JWE', async () => {
      const jwe = [b64({ alg: 'RSA-OAEP', enc: 'A256GCM', kid }), 'ZW5jcnlwdGVka2V5', 'aXZpdml2aXY', 'Y2lwaGVydGV4dA', 'dGFn'].join('.');
      await expect216(jwe);
      await expect216([b64({ alg: 'dir', enc: 'A256GCM' }), '', 'aXY', 'Y3Q', 'dGFn'].join('.'));
    });

    it('anything that is not three base64url parts', async () => {
      const token = credential();
      for (const garbage of [
        '',
        'abc',
        'a.b',
        `${token}.extra`,
        `${token} `,
        ` ${token}`,
        token.replace('.', '..'),
        `${token}=`,
        token.replace(/-/g, '+'),
      ]) {
        if (garbage === token) continue;
        await expect216(garbage);
      }
    });

    it('a tampered payload or signature', async () => {
      const [header, payload, signature] = credential().split('.');
      const elevated = b64(claims({ sub: 'someone-else' }));
      await expect216(`${header}.${elevated}.${signature}`);
      const flipped = Buffer.from(signature, 'base64url');
      flipped[5] ^= 0xff;
      await expect216(`${header}.${payload}.${flipped.toString('base64url')}`);
      expect(payload).toBeTruthy();
    });

    it('an assertion longer than the limit', async () => {
      const error = await expect216(credential({ padding: 'x'.repeat(5000) }));
      expect(error.message).toContain('longer than');
    });
  });
});
