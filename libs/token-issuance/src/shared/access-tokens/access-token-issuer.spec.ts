import { decodeProtectedHeader, jwtVerify } from 'jose';
import { EnvironmentIssuers, signJwt } from '@latchkey/keys';
import { InMemoryKeyRing } from '@latchkey/keys/testing';
import { AccessTokenIssuer } from './access-token-issuer';

describe('AccessTokenIssuer', () => {
  const request = {
    environment: 'sandbox' as const,
    subject: '200000000000001',
    clientId: 'sbx_1',
    scope: 'ReadAccounts',
    sessionId: 'session-1',
    credentialId: 'cred-1',
    issuedAt: 1_800_000_000,
    ttlSeconds: 600,
  };

  it('signs the token signJwt would sign, with the active key of the environment', async () => {
    const ring = new InMemoryKeyRing();
    const issuer = new AccessTokenIssuer(ring, new EnvironmentIssuers('http://latchkey.test'));
    const token = await issuer.issue(request);
    const key = ring.activeKey('sandbox', 'access_token');
    const { payload, protectedHeader } = await jwtVerify(token, key.publicKey, { currentDate: new Date(1_800_000_100_000) });
    expect(protectedHeader).toEqual({ alg: 'ES256', typ: 'at+jwt', kid: key.kid });
    expect(payload).toEqual({
      iss: 'http://latchkey.test/sandbox',
      sub: '200000000000001',
      aud: 'http://latchkey.test/sandbox/restapi',
      client_id: 'sbx_1',
      scope: 'ReadAccounts',
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iat: 1_800_000_000,
      exp: 1_800_000_600,
      sid: 'session-1',
      cid: 'cred-1',
    });
    // the same header and payload bytes as the general-purpose signer
    const reference = signJwt(key, 'at+jwt', payload);
    expect(token.split('.').slice(0, 2)).toEqual(reference.split('.').slice(0, 2));
  });

  it('signs with the new key at once after a rotation', async () => {
    const ring = new InMemoryKeyRing();
    const issuer = new AccessTokenIssuer(ring, new EnvironmentIssuers('http://latchkey.test'));
    const before = ring.activeKey('sandbox', 'access_token').kid;
    expect(decodeProtectedHeader(await issuer.issue(request)).kid).toBe(before);
    const [rotated] = ring.rotate(['sandbox'], ['access_token']);
    expect(rotated).not.toBe(before);
    expect(decodeProtectedHeader(await issuer.issue(request)).kid).toBe(rotated);
  });

  it('signs the tokens asked for in one turn of the event loop together, after the turn has asked for them', async () => {
    const ring = new InMemoryKeyRing();
    const issuer = new AccessTokenIssuer(ring, new EnvironmentIssuers('http://latchkey.test'));
    let settled = 0;
    const tokens = ['session-1', 'session-2', 'session-3'].map((sessionId) =>
      issuer.issue({ ...request, sessionId }).then((token) => (settled++, token)),
    );
    await Promise.resolve();
    expect(settled).toBe(0);
    const key = ring.activeKey('sandbox', 'access_token');
    const verified = await Promise.all(
      (await Promise.all(tokens)).map((token) => jwtVerify(token, key.publicKey, { currentDate: new Date(1_800_000_100_000) })),
    );
    expect(verified.map(({ payload }) => payload.sid)).toEqual(['session-1', 'session-2', 'session-3']);
  });
});
