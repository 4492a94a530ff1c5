import { generateKeyPairSync, sign } from 'node:crypto';
import { signJwt } from '@latchkey/keys';
import { JWT_BEARER_GRANT } from '../../commands/issue-token/token-endpoint';
import { type AuthApiFixture, authApiFixture, type FixtureClient } from '../../testing/auth-api-fixture';

describe('AccessTokenVerifier', () => {
  let f: AuthApiFixture;
  let client: FixtureClient;
  beforeEach(async () => {
    f = await authApiFixture();
    client = f.addClient();
  });
  afterEach(() => f.close());

  async function issue(environment: 'production' | 'sandbox' = 'production') {
    const as = environment === 'production' ? client : f.addClient({ environment: 'sandbox' });
    const credential = f.addCredential({ environment });
    const response = await f.token.handle(environment, f.request(as, { grant_type: JWT_BEARER_GRANT, assertion: credential.jwt }));
    return { ...credential, token: response.access_token };
  }

  it('answers a live token with who and what it is for', async () => {
    const { entry, token } = await issue();
    expect(await f.accessTokenVerifier.live('production', token)).toEqual({
      environment: 'production',
      environmentUserId: entry.ownerEnvironmentUserId,
      userId: entry.ownerId,
      organizationId: entry.organizationId,
      clientId: client.clientId,
      credentialId: entry.credentialId,
      sessionId: expect.any(String),
      scopes: ['ReadAccounts', 'EditAccounts'],
      issuedAt: Math.floor(f.now / 1000),
      expiresAt: Math.floor(f.now / 1000) + 3600,
      issuer: 'http://latchkey.test',
    });
  });

  it('refuses a token once it expires, once its credential is revoked, deleted or expired, its owner deactivated or without developer access', async () => {
    const { entry, token } = await issue();
    const live = () => f.accessTokenVerifier.live('production', token);
    expect(await live()).not.toBeNull();
    for (const change of [{ status: 'revoked' as const }, { status: 'deleted' as const }, { expiresAt: Math.floor(f.now / 1000) }]) {
      f.directory.entries.set(entry.credentialId, { ...entry, ...change });
      expect(await live()).toBeNull();
      f.directory.entries.set(entry.credentialId, entry);
      expect(await live()).not.toBeNull();
    }
    f.directory.inactiveOwners.add(entry.ownerId);
    expect(await live()).toBeNull();
    f.directory.inactiveOwners.clear();
    f.directory.ownersWithoutDeveloperAccess.add(entry.ownerId);
    expect(await live()).toBeNull();
    f.directory.ownersWithoutDeveloperAccess.clear();
    expect(await live()).not.toBeNull();
    f.directory.entries.set(entry.credentialId, { ...entry, policy: 'specific', clientIds: [] });
    expect(await live()).toBeNull();
    f.directory.entries.set(entry.credentialId, entry);
    f.advance(3600_000);
    expect(await live()).toBeNull();
  });

  it('refuses a token of the other environment, both ways', async () => {
    const production = await issue('production');
    const sandbox = await issue('sandbox');
    expect(await f.accessTokenVerifier.live('sandbox', production.token)).toBeNull();
    expect(await f.accessTokenVerifier.live('production', sandbox.token)).toBeNull();
    expect(await f.accessTokenVerifier.live('sandbox', sandbox.token)).not.toBeNull();
  });

  it('refuses forgeries: another key, a credential key, a credential JWT, alg none, garbage', async () => {
    const { token } = await issue();
    const [header, payload] = token.split('.');
    const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const forged = `${header}.${payload}.${sign('sha256', Buffer.from(`${header}.${payload}`), { key: attacker, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: JSON.parse(Buffer.from(header, 'base64url').toString()).kid })).toString('base64url')}.${payload}.AA`;
    const withCredentialKey = signJwt(f.keys.activeKey('production', 'credential'), 'at+jwt', claims);
    const credential = f.addCredential().jwt;
    for (const bad of [forged, none, withCredentialKey, credential, 'garbage', '', `${token}x`]) {
      expect(await f.accessTokenVerifier.live('production', bad)).toBeNull();
    }
  });

  it('stops a remembered token once its key is retired', async () => {
    const { token } = await issue();
    expect(await f.accessTokenVerifier.live('production', token)).not.toBeNull();
    const kid = f.keys.activeKey('production', 'access_token').kid;
    f.keys.rotate(['production'], ['access_token']);
    expect(await f.accessTokenVerifier.live('production', token)).not.toBeNull();
    f.keys.retire(kid);
    expect(await f.accessTokenVerifier.live('production', token)).toBeNull();
  });
});
