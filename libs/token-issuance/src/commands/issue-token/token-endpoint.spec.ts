import { decodeJwt, decodeProtectedHeader } from 'jose';
import { OAuthError } from '../../shared/oauth-error';
import { type AuthApiFixture, authApiFixture, type FixtureClient } from '../../testing/auth-api-fixture';
import { JWT_BEARER_GRANT, type TokenResponse } from './token-endpoint';

describe('TokenEndpoint', () => {
  let f: AuthApiFixture;
  let client: FixtureClient;
  beforeEach(async () => {
    f = await authApiFixture();
    client = f.addClient();
  });
  afterEach(() => f.close());

  const exchange = (
    jwt: string,
    extra: Record<string, string> = {},
    as: Pick<FixtureClient, 'clientId' | 'clientSecret'> | null = client,
    environment: 'production' | 'sandbox' = 'production',
  ) => f.token.handle(environment, f.request(as, { grant_type: JWT_BEARER_GRANT, assertion: jwt, ...extra }));
  const refresh = (refreshToken: string, extra: Record<string, string> = {}, as: Pick<FixtureClient, 'clientId' | 'clientSecret'> = client) =>
    f.token.handle('production', f.request(as, { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra }));

  async function refusal(attempt: Promise<unknown>): Promise<{ status: number; error: string; errorCode: string; headers: Record<string, string> }> {
    try {
      await attempt;
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      return { status: error.status, error: error.error, errorCode: error.errorCode, headers: { ...error.headers } };
    }
    throw new Error('the request was accepted');
  }

  describe('jwt-bearer grant', () => {
    it('answers the RingCentral token response with an RFC 9068 access token', async () => {
      const { entry, jwt } = f.addCredential();
      const response = await exchange(jwt, { endpoint_id: 'my-device.1' });
      expect(Object.keys(response)).toEqual([
        'access_token',
        'token_type',
        'expires_in',
        'refresh_token',
        'refresh_token_expires_in',
        'scope',
        'owner_id',
        'endpoint_id',
      ]);
      expect(response).toMatchObject({
        token_type: 'bearer',
        expires_in: 3600,
        refresh_token_expires_in: 604800,
        scope: 'ReadAccounts EditAccounts',
        owner_id: entry.ownerEnvironmentUserId,
        endpoint_id: 'my-device.1',
      });
      expect(decodeProtectedHeader(response.access_token)).toEqual({
        alg: 'ES256',
        typ: 'at+jwt',
        kid: f.keys.activeKey('production', 'access_token').kid,
      });
      const claims = decodeJwt(response.access_token);
      expect(claims).toMatchObject({
        iss: 'http://latchkey.test',
        sub: entry.ownerEnvironmentUserId,
        aud: 'http://latchkey.test/restapi',
        client_id: client.clientId,
        scope: 'ReadAccounts EditAccounts',
        cid: entry.credentialId,
      });
      expect(claims.exp! - claims.iat!).toBe(3600);
      expect(typeof claims.jti).toBe('string');
      expect(typeof claims.sid).toBe('string');
      expect(await f.accessTokenVerifier.live('production', response.access_token)).toMatchObject({
        userId: entry.ownerId,
        clientId: client.clientId,
      });
    });

    it('issues no refresh token to an app without the refresh_token grant, and generates an endpoint id', async () => {
      const plain = f.addClient({ grantTypes: ['jwt_bearer'] });
      const response = await exchange(f.addCredential().jwt, {}, plain);
      expect(response.refresh_token).toBeUndefined();
      expect(response.refresh_token_expires_in).toBeUndefined();
      expect(response.endpoint_id).toMatch(/^[0-9a-f]{32}$/);
    });

    it.each([
      [{}, 3600, 604800],
      [{ access_token_ttl: '10', refresh_token_ttl: '1' }, 600, 60],
      [{ access_token_ttl: '1200', refresh_token_ttl: '86400' }, 1200, 86400],
      [{ access_token_ttl: '999999', refresh_token_ttl: '99999999999' }, 3600, 604800],
      [{ access_token_ttl: 'abc', refresh_token_ttl: '-5' }, 3600, 604800],
      [{ access_token_ttl: '1e3', refresh_token_ttl: '3600.5' }, 3600, 604800],
    ])('clamps TTLs %j, never refusing them', async (ttls, access, refreshTtl) => {
      const response = await exchange(f.addCredential().jwt, ttls);
      expect(response.expires_in).toBe(access);
      expect(response.refresh_token_expires_in).toBe(refreshTtl);
      const claims = decodeJwt(response.access_token);
      expect(claims.exp! - claims.iat!).toBe(access);
    });

    it('grants the requested scopes when the app has them, else OAU-252', async () => {
      const { jwt } = f.addCredential();
      expect((await exchange(jwt, { scope: 'ReadAccounts' })).scope).toBe('ReadAccounts');
      expect((await exchange(jwt, { scope: ' ReadAccounts  ReadAccounts ' })).scope).toBe('ReadAccounts');
      expect(await refusal(exchange(jwt, { scope: 'ReadAccounts EditExtensions' }))).toMatchObject({
        status: 400,
        error: 'invalid_scope',
        errorCode: 'OAU-252',
      });
      expect(await refusal(exchange(jwt, { scope: 'readaccounts' }))).toMatchObject({ errorCode: 'OAU-252' });
    });

    it('records the use, aggregated per credential and client', async () => {
      const { entry, jwt } = f.addCredential();
      await exchange(jwt);
      await exchange(jwt);
      await f.usage.flush();
      expect(f.usages).toEqual([
        {
          credentialId: entry.credentialId,
          clientId: client.clientId,
          count: 2,
          lastUsedAt: new Date(f.now).toISOString(),
          address: '127.0.0.1',
          userAgent: null,
        },
      ]);
    });

    it('refuses a client address outside the allowed addresses with OAU-281, recording one refusal', async () => {
      const { entry, jwt } = f.addCredential({ allowedAddresses: Object.freeze(['203.0.113.0/24', '2001:db8::/32']) });
      const from = (address: string) => f.token.handle('production', f.request(client, { grant_type: JWT_BEARER_GRANT, assertion: jwt }, address));
      expect(await refusal(from('198.51.100.1'))).toEqual({ status: 400, error: 'invalid_grant', errorCode: 'OAU-281', headers: {} });
      expect(await refusal(from('::ffff:198.51.100.1'))).toMatchObject({ errorCode: 'OAU-281' });
      await expect(from('203.0.113.77')).resolves.toHaveProperty('access_token');
      await expect(from('::ffff:203.0.113.78')).resolves.toHaveProperty('access_token');
      await expect(from('2001:db8:1::5')).resolves.toHaveProperty('access_token');
      await f.usage.flush();
      expect(f.refusals).toEqual([
        { credentialId: entry.credentialId, clientId: client.clientId, address: '198.51.100.1', refusedAt: new Date(f.now).toISOString() },
      ]);
      expect(f.usages).toEqual([expect.objectContaining({ count: 3, address: '2001:db8:1::5' })]);
    });

    it('re-checks the credential on every exchange even when the JWT is remembered', async () => {
      const { entry, jwt } = f.addCredential();
      await exchange(jwt);
      f.directory.entries.set(entry.credentialId, { ...entry, status: 'revoked' });
      expect(await refusal(exchange(jwt))).toMatchObject({ errorCode: 'OAU-213' });
    });
  });

  describe('the token error table', () => {
    it('OAU-101: missing grant type or assertion', async () => {
      expect(await refusal(f.token.handle('production', f.request(client, {})))).toMatchObject({
        status: 400,
        error: 'invalid_request',
        errorCode: 'OAU-101',
      });
      expect(await refusal(f.token.handle('production', f.request(client, { grant_type: JWT_BEARER_GRANT })))).toMatchObject({
        errorCode: 'OAU-101',
      });
      expect(await refusal(f.token.handle('production', f.request(client, { grant_type: 'refresh_token' })))).toMatchObject({ errorCode: 'OAU-101' });
    });

    it('OAU-101: both client authentication methods', async () => {
      const request = f.request(client, {
        grant_type: JWT_BEARER_GRANT,
        assertion: 'x',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      });
      expect(await refusal(f.token.handle('production', request))).toMatchObject({ status: 400, error: 'invalid_request', errorCode: 'OAU-101' });
    });

    it('OAU-101: an invalid endpoint id', async () => {
      expect(await refusal(exchange(f.addCredential().jwt, { endpoint_id: 'a b' }))).toMatchObject({ errorCode: 'OAU-101' });
    });

    it('OAU-250: unsupported grant types', async () => {
      for (const grant_type of ['password', 'authorization_code', 'client_credentials', 'urn:ietf:params:oauth:grant-type:saml2-bearer', 'JWT']) {
        expect(await refusal(f.token.handle('production', f.request(client, { grant_type })))).toMatchObject({
          status: 400,
          error: 'unsupported_grant_type',
          errorCode: 'OAU-250',
        });
      }
    });

    it('OAU-153: one answer for an unknown client, a wrong secret, a client of the other environment, and no authentication', async () => {
      const { jwt } = f.addCredential();
      const sandboxClient = f.addClient({ environment: 'sandbox' });
      const answers = [
        await refusal(exchange(jwt, {}, { clientId: 'nobody', clientSecret: 'x' })),
        await refusal(exchange(jwt, {}, { clientId: client.clientId, clientSecret: 'wrong' })),
        await refusal(exchange(jwt, {}, sandboxClient)),
      ];
      for (const answer of answers) {
        expect(answer).toEqual({
          status: 401,
          error: 'invalid_client',
          errorCode: 'OAU-153',
          headers: { 'www-authenticate': 'Basic realm="Latchkey production", charset="UTF-8"' },
        });
      }
      const posted = f.token.handle('production', {
        params: new Map([
          ['grant_type', JWT_BEARER_GRANT],
          ['client_id', client.clientId],
          ['client_secret', 'wrong'],
        ]),
        address: '127.0.0.1',
        correlationId: 't',
      });
      expect(await refusal(posted)).toEqual({ status: 401, error: 'invalid_client', errorCode: 'OAU-153', headers: {} });
      expect(await refusal(exchange(jwt, {}, null))).toMatchObject({ status: 401, errorCode: 'OAU-153' });
    });

    it('OAU-251: the app lacks the grant type', async () => {
      const refreshOnly = f.addClient({ grantTypes: ['refresh_token'] });
      expect(await refusal(exchange(f.addCredential().jwt, {}, refreshOnly))).toMatchObject({
        status: 400,
        error: 'unauthorized_client',
        errorCode: 'OAU-251',
      });
      const jwtOnly = f.addClient({ grantTypes: ['jwt_bearer'] });
      expect(await refusal(refresh('lkr1.x.y', {}, jwtOnly))).toMatchObject({ errorCode: 'OAU-251' });
    });

    it('OAU-216: a malformed or forged assertion, or a subject that is not the owner', async () => {
      expect(await refusal(exchange('not-a-jwt'))).toMatchObject({ status: 400, error: 'invalid_grant', errorCode: 'OAU-216' });
      const { entry, jwt } = f.addCredential();
      f.directory.entries.set(entry.credentialId, { ...entry, ownerEnvironmentUserId: 'another-user' });
      expect(await refusal(exchange(jwt))).toMatchObject({ errorCode: 'OAU-216' });
    });

    it('OAU-210: the credential expired (its allowlist expiry or its JWT exp)', async () => {
      const soon = Math.floor(f.now / 1000) + 60;
      const { jwt } = f.addCredential({ expiresAt: soon });
      await exchange(jwt);
      f.advance(61_000);
      expect(await refusal(exchange(jwt))).toMatchObject({ status: 400, error: 'invalid_grant', errorCode: 'OAU-210' });
      const { jwt: shortJwt } = f.addCredential({ jwtExpiresAt: Math.floor(f.now / 1000) + 10 });
      f.advance(41_000); // 10 s plus the 30 s tolerance
      expect(await refusal(exchange(shortJwt))).toMatchObject({ errorCode: 'OAU-210' });
    });

    it('OAU-213: the credential is revoked, deleted or unknown', async () => {
      const revoked = f.addCredential({ status: 'revoked' });
      const deleted = f.addCredential({ status: 'deleted' });
      const unknown = f.addCredential();
      f.directory.entries.delete(unknown.entry.credentialId);
      for (const { jwt } of [revoked, deleted, unknown]) {
        expect(await refusal(exchange(jwt))).toMatchObject({ status: 400, error: 'invalid_grant', errorCode: 'OAU-213' });
      }
    });

    it('OAU-214: a credential of the other environment, both ways', async () => {
      const sandboxClient = f.addClient({ environment: 'sandbox' });
      const sandbox = f.addCredential({ environment: 'sandbox' });
      const production = f.addCredential();
      expect(await refusal(exchange(sandbox.jwt))).toMatchObject({ errorCode: 'OAU-214' });
      expect(await refusal(exchange(production.jwt, {}, sandboxClient, 'sandbox'))).toMatchObject({ errorCode: 'OAU-214' });
      expect((await exchange(sandbox.jwt, {}, sandboxClient, 'sandbox')).owner_id).toBe('sandbox-user-1');
    });

    it("OAU-215: an organization-only credential used by another organization's app", async () => {
      const foreign = f.addClient({ organizationId: 'org-2' });
      const { jwt } = f.addCredential({ policy: 'organization', organizationId: 'org-1' });
      expect(await refusal(exchange(jwt, {}, foreign))).toMatchObject({ status: 400, error: 'invalid_grant', errorCode: 'OAU-215' });
    });

    it('OAU-215: a specific-list credential works only for the listed clients, of any organization', async () => {
      const listedForeign = f.addClient({ organizationId: 'org-2' });
      const unlistedOwn = f.addClient({ organizationId: 'org-1' });
      const { jwt } = f.addCredential({ policy: 'specific', clientIds: [listedForeign.clientId] });
      expect((await exchange(jwt, {}, listedForeign)).access_token).toBeTruthy();
      expect(await refusal(exchange(jwt, {}, unlistedOwn))).toMatchObject({ errorCode: 'OAU-215' });
    });

    it('OAU-217: the owner is deactivated, which is answered before revocation', async () => {
      const { entry, jwt } = f.addCredential();
      f.directory.inactiveOwners.add(entry.ownerId);
      expect(await refusal(exchange(jwt))).toMatchObject({ status: 400, error: 'invalid_grant', errorCode: 'OAU-217' });
      f.directory.entries.set(entry.credentialId, { ...entry, status: 'revoked' });
      expect(await refusal(exchange(jwt))).toMatchObject({ errorCode: 'OAU-217' });
    });

    it('OAU-217: the owner lost developer access; a promotion back restores the credential', async () => {
      const { entry, jwt } = f.addCredential();
      f.directory.ownersWithoutDeveloperAccess.add(entry.ownerId);
      expect(await refusal(exchange(jwt))).toMatchObject({ status: 400, error: 'invalid_grant', errorCode: 'OAU-217' });
      f.directory.ownersWithoutDeveloperAccess.clear();
      expect((await exchange(jwt)).access_token).toBeTruthy();
    });

    it('OAU-429: repeated failed client authentication is throttled per client id, then allowed again', async () => {
      const { jwt } = f.addCredential();
      for (let i = 0; i < 10; i++) {
        expect(await refusal(exchange(jwt, {}, { clientId: client.clientId, clientSecret: `wrong-${i}` }))).toMatchObject({ status: 401 });
      }
      const limited = await refusal(exchange(jwt, {}, { clientId: client.clientId, clientSecret: `wrong-again` }));
      expect(limited).toMatchObject({ status: 429, error: 'rate_limited', errorCode: 'OAU-429' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      // while locked out, even the right secret is refused: the answers reveal nothing
      expect(await refusal(exchange(jwt))).toMatchObject({ status: 429 });
      // another client is not affected
      expect((await exchange(jwt, {}, f.addClient())).access_token).toBeTruthy();
      f.advance(60_000);
      expect((await exchange(jwt)).access_token).toBeTruthy();
    });

    it('OAU-429: failures are also throttled per source address, across client ids', async () => {
      const { jwt } = f.addCredential();
      const request = (clientId: string) =>
        f.token.handle('production', f.request({ clientId, clientSecret: 'x' }, { grant_type: JWT_BEARER_GRANT, assertion: jwt }, '10.0.0.9'));
      for (let i = 0; i < 100; i++) expect(await refusal(request(`guess-${i}`))).toMatchObject({ status: 401 });
      expect(await refusal(request('guess-100'))).toMatchObject({ status: 429 });
      expect((await exchange(jwt)).access_token).toBeTruthy(); // another address
    });
  });

  describe('refresh grant', () => {
    async function login(): Promise<{ response: TokenResponse; credentialId: string }> {
      const { entry, jwt } = f.addCredential();
      return { response: await exchange(jwt, { scope: 'ReadAccounts' }), credentialId: entry.credentialId };
    }

    it('rotates: a new pair in the same session, the old refresh token single-use', async () => {
      const { response } = await login();
      const rotated = await refresh(response.refresh_token!);
      expect(rotated.refresh_token).not.toBe(response.refresh_token);
      expect(rotated.scope).toBe('ReadAccounts');
      expect(rotated.endpoint_id).toBe(response.endpoint_id);
      expect(decodeJwt(rotated.access_token).sid).toBe(decodeJwt(response.access_token).sid);
      const again = await refresh(rotated.refresh_token!, { access_token_ttl: '600' });
      expect(again.expires_in).toBe(600);
    });

    it('refuses a refresh from an address outside the allowlist with OAU-281, leaving the refresh token usable', async () => {
      const { entry, jwt } = f.addCredential({ allowedAddresses: Object.freeze(['127.0.0.1/32']) });
      const response = await exchange(jwt);
      const refreshFrom = (address: string) =>
        f.token.handle('production', f.request(client, { grant_type: 'refresh_token', refresh_token: response.refresh_token! }, address));
      expect(await refusal(refreshFrom('10.1.2.3'))).toMatchObject({ status: 400, error: 'invalid_grant', errorCode: 'OAU-281' });
      // A later allowlist change is honoured at refresh too.
      f.directory.entries.set(entry.credentialId, { ...entry, allowedAddresses: Object.freeze(['10.0.0.0/8']) });
      await expect(refreshFrom('10.1.2.3')).resolves.toHaveProperty('access_token');
    });

    it('detects reuse: presenting a used refresh token revokes the whole session', async () => {
      const { response } = await login();
      const rotated = await refresh(response.refresh_token!);
      expect(await f.accessTokenVerifier.live('production', rotated.access_token)).not.toBeNull();
      expect(await refusal(refresh(response.refresh_token!))).toMatchObject({ status: 400, error: 'invalid_grant', errorCode: 'OAU-213' });
      // the newest tokens of the session stop working too
      expect(await f.accessTokenVerifier.live('production', rotated.access_token)).toBeNull();
      expect(await f.accessTokenVerifier.live('production', response.access_token)).toBeNull();
      expect(await refusal(refresh(rotated.refresh_token!))).toMatchObject({ errorCode: 'OAU-213' });
    });

    it('treats the loser of two concurrent refreshes with one token as reuse', async () => {
      const { response } = await login();
      const results = await Promise.allSettled([refresh(response.refresh_token!), refresh(response.refresh_token!)]);
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      const winner = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<TokenResponse>;
      expect(await f.accessTokenVerifier.live('production', winner.value.access_token)).toBeNull();
    });

    it('refuses a refresh token of another client, another environment, expired, tampered or garbage with OAU-213', async () => {
      const { response } = await login();
      const other = f.addClient();
      expect(await refusal(refresh(response.refresh_token!, {}, other))).toMatchObject({ errorCode: 'OAU-213' });
      const sandboxClient = f.addClient({ environment: 'sandbox' });
      const inSandbox = f.token.handle('sandbox', f.request(sandboxClient, { grant_type: 'refresh_token', refresh_token: response.refresh_token! }));
      expect(await refusal(inSandbox)).toMatchObject({ errorCode: 'OAU-213' });
      const [prefix, payload, mac] = response.refresh_token!.split('.');
      const payloadClaims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...payloadClaims, gen: payloadClaims.gen + 1 })).toString('base64url');
      expect(await refusal(refresh(`${prefix}.${forged}.${mac}`))).toMatchObject({ errorCode: 'OAU-213' });
      expect(await refusal(refresh('garbage'))).toMatchObject({ errorCode: 'OAU-213' });
      f.advance(604_800_000);
      expect(await refusal(refresh(response.refresh_token!))).toMatchObject({ errorCode: 'OAU-213' });
    });

    it('re-checks the credential and its owner', async () => {
      const { response, credentialId } = await login();
      const entry = f.directory.entries.get(credentialId)!;
      f.directory.inactiveOwners.add(entry.ownerId);
      expect(await refusal(refresh(response.refresh_token!))).toMatchObject({ errorCode: 'OAU-217' });
      f.directory.inactiveOwners.clear();
      f.directory.entries.set(credentialId, { ...entry, status: 'revoked' });
      expect(await refusal(refresh(response.refresh_token!))).toMatchObject({ errorCode: 'OAU-213' });
    });

    it('refuses a refresh while the owner lacks developer access, without spending the refresh token', async () => {
      const { response, credentialId } = await login();
      const entry = f.directory.entries.get(credentialId)!;
      f.directory.ownersWithoutDeveloperAccess.add(entry.ownerId);
      expect(await refusal(refresh(response.refresh_token!))).toMatchObject({ status: 400, error: 'invalid_grant', errorCode: 'OAU-217' });
      f.directory.ownersWithoutDeveloperAccess.clear();
      // the refusal rotated and revoked nothing: the same refresh token works after the promotion
      const rotated = await refresh(response.refresh_token!);
      expect(await f.accessTokenVerifier.live('production', rotated.access_token)).not.toBeNull();
    });

    it('narrows scopes on request and never widens them', async () => {
      const response = await exchange(f.addCredential().jwt);
      const narrowed = await refresh(response.refresh_token!, { scope: 'EditAccounts' });
      expect(narrowed.scope).toBe('EditAccounts');
      expect(await refusal(refresh(narrowed.refresh_token!, { scope: 'ReadAccounts' }))).toMatchObject({ errorCode: 'OAU-252' });
    });
  });
});
