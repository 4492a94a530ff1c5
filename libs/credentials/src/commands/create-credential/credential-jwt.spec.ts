import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { EnvironmentIssuers } from '@latchkey/keys';
import { InMemoryKeyRing } from '@latchkey/keys/testing';
import type { CredentialCreated } from '../../domain/credential/credential.events';
import { CredentialJwtMinter } from './credential-jwt';

const created = (data: Partial<CredentialCreated['data']> = {}): CredentialCreated['data'] => ({
  credentialId: '0d6f3c1e-0000-4000-8000-000000000001',
  label: 'CI',
  environment: 'production',
  expiresAt: '2026-04-01T00:00:00.000Z',
  policy: 'organization',
  clientIds: [],
  ownerId: 'user-1',
  ownerEmail: 'dev@acme.test',
  ownerEnvironmentUserId: '100200300',
  organizationId: 'org-1',
  createdAt: '2026-03-01T10:00:00.000Z',
  ...data,
});

describe('credential JWT', () => {
  const keys = new InMemoryKeyRing();
  const issuers = new EnvironmentIssuers('https://auth.example.test/');
  const minter = new CredentialJwtMinter(keys, issuers);

  it('is signed ES256 by the environment’s credential key, typed credential+jwt, with exactly the documented claims', async () => {
    const jwt = minter.mint(created());
    const header = decodeProtectedHeader(jwt);
    expect(header).toEqual({ alg: 'ES256', typ: 'credential+jwt', kid: keys.activeKey('production', 'credential').kid });
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(keys.jwks('production', 'credential')), {
      typ: 'credential+jwt',
      currentDate: new Date('2026-03-02T00:00:00Z'),
    });
    expect(payload).toEqual({
      iss: 'https://auth.example.test',
      aud: 'https://auth.example.test/restapi/oauth/token',
      sub: '100200300',
      jti: '0d6f3c1e-0000-4000-8000-000000000001',
      iat: 1772359200,
      exp: 1775001600,
    });
  });

  it('carries the sandbox issuer, audience and key for a sandbox credential', async () => {
    const jwt = minter.mint(created({ environment: 'sandbox', ownerEnvironmentUserId: '900800700' }));
    expect(decodeProtectedHeader(jwt).kid).toBe(keys.activeKey('sandbox', 'credential').kid);
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(keys.jwks('sandbox', 'credential')), {
      currentDate: new Date('2026-03-02T00:00:00Z'),
    });
    expect(payload).toMatchObject({
      iss: 'https://auth.example.test/sandbox',
      aud: 'https://auth.example.test/sandbox/restapi/oauth/token',
      sub: '900800700',
    });
    await expect(jwtVerify(jwt, createLocalJWKSet(keys.jwks('production', 'credential')))).rejects.toThrow();
    await expect(jwtVerify(jwt, createLocalJWKSet(keys.jwks('sandbox', 'access_token')))).rejects.toThrow();
  });

  it('expires in 2100 when the credential never expires', async () => {
    const jwt = minter.mint(created({ expiresAt: null }));
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(keys.jwks('production', 'credential')));
    expect(payload.exp).toBe(4102444800);
  });
});
