import { JWT_BEARER_GRANT } from '../issue-token/token-endpoint';
import { type AuthApiFixture, authApiFixture, type FixtureClient } from '../../testing/auth-api-fixture';

describe('RevocationEndpoint and IntrospectionEndpoint', () => {
  let f: AuthApiFixture;
  let client: FixtureClient;
  beforeEach(async () => {
    f = await authApiFixture();
    client = f.addClient();
  });
  afterEach(() => f.close());

  async function login(as: FixtureClient = client) {
    const credential = f.addCredential();
    const response = await f.token.handle('production', f.request(as, { grant_type: JWT_BEARER_GRANT, assertion: credential.jwt }));
    return { ...credential, response };
  }
  const introspect = (token: string, as: FixtureClient = client, environment: 'production' | 'sandbox' = 'production') =>
    f.introspect.handle(environment, f.request(as, { token }));
  const revoke = (token: string, as: FixtureClient = client) =>
    f.revoke.handle('production', f.request(as, { token, token_type_hint: 'access_token' }));

  it('introspects a live access token and a current refresh token', async () => {
    const { entry, response } = await login();
    const now = Math.floor(f.now / 1000);
    expect(await introspect(response.access_token)).toEqual({
      active: true,
      scope: 'ReadAccounts EditAccounts',
      client_id: client.clientId,
      sub: entry.ownerEnvironmentUserId,
      owner_id: entry.ownerEnvironmentUserId,
      exp: now + 3600,
      iat: now,
      iss: 'http://latchkey.test',
      token_type: 'Bearer',
    });
    expect(await introspect(response.refresh_token!)).toMatchObject({ active: true, token_type: 'refresh_token', exp: now + 604800 });
  });

  it('answers {active: false} and nothing else for anything not live', async () => {
    const { entry, response } = await login();
    const other = f.addClient();
    const sandboxClient = f.addClient({ environment: 'sandbox' });
    expect(await introspect('garbage')).toEqual({ active: false });
    expect(await introspect(response.access_token, other)).toEqual({ active: false });
    expect(await introspect(response.refresh_token!, other)).toEqual({ active: false });
    expect(await introspect(response.access_token, sandboxClient, 'sandbox')).toEqual({ active: false });
    f.directory.entries.set(entry.credentialId, { ...entry, status: 'revoked' });
    expect(await introspect(response.access_token)).toEqual({ active: false });
    expect(await introspect(response.refresh_token!)).toEqual({ active: false });
  });

  it('a used refresh token is inactive; its successor is active', async () => {
    const { response } = await login();
    const rotated = await f.token.handle('production', f.request(client, { grant_type: 'refresh_token', refresh_token: response.refresh_token! }));
    expect(await introspect(response.refresh_token!)).toEqual({ active: false });
    expect(await introspect(rotated.refresh_token!)).toMatchObject({ active: true });
  });

  it('revoking an access token ends the whole session', async () => {
    const { response } = await login();
    await revoke(response.access_token);
    expect(await introspect(response.access_token)).toEqual({ active: false });
    expect(await introspect(response.refresh_token!)).toEqual({ active: false });
    await expect(
      f.token.handle('production', f.request(client, { grant_type: 'refresh_token', refresh_token: response.refresh_token! })),
    ).rejects.toMatchObject({
      errorCode: 'OAU-213',
    });
  });

  it('revoking a refresh token ends the whole session, even an expired one', async () => {
    const { response } = await login();
    f.advance(3_600_000);
    await revoke(response.refresh_token!);
    expect(f.revokedSessions.isRevoked(JSON.parse(Buffer.from(response.access_token.split('.')[1], 'base64url').toString()).sid)).toBe(true);
  });

  it('accepts unknown tokens and tokens of other clients, changing nothing', async () => {
    const { response } = await login();
    const other = f.addClient();
    await expect(revoke('garbage')).resolves.toBeUndefined();
    await expect(revoke(response.access_token, other)).resolves.toBeUndefined();
    await expect(revoke(response.refresh_token!, other)).resolves.toBeUndefined();
    expect(await introspect(response.access_token)).toMatchObject({ active: true });
    expect(await f.store.readAll()).toEqual([]);
  });

  it('needs client authentication and a token parameter', async () => {
    await expect(
      f.revoke.handle('production', f.request({ clientId: client.clientId, clientSecret: 'wrong' }, { token: 'x' })),
    ).rejects.toMatchObject({ status: 401 });
    await expect(f.introspect.handle('production', f.request(null, { token: 'x' }))).rejects.toMatchObject({ status: 401 });
    await expect(f.revoke.handle('production', f.request(client, {}))).rejects.toMatchObject({ status: 400, errorCode: 'OAU-101' });
    await expect(f.introspect.handle('production', f.request(client, {}))).rejects.toMatchObject({ status: 400, errorCode: 'OAU-101' });
  });
});
