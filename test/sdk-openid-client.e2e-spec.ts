import type { Environment } from '@latchkey/building-blocks';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { type SignedUp, signup } from './support/console';
import { startListeningTestApp, type ListeningTestApp } from './support/listening-app';
import { type Client, createOAuthApp, createSandboxAccount, issueCredential, JWT_BEARER, PREFIX } from './support/oauth-journey';

/**
 * A standard OAuth client, openid-client v6, configured only from the RFC 8414 metadata: it finds
 * every endpoint there, and checks the issuer it discovers is the one it asked for.
 */
describe('openid-client against Latchkey (real HTTP)', () => {
  jest.setTimeout(30_000);
  let t: ListeningTestApp;
  let admin: SignedUp;
  let clients: Record<Environment, Client>;

  beforeAll(async () => {
    t = await startListeningTestApp();
    admin = await signup(t, { organizationName: 'Standards Org' });
    await createSandboxAccount(t, admin.token);
    const app = await createOAuthApp(t, admin.token, { name: 'Standard client' });
    clients = { production: app.clients.production!, sandbox: app.clients.sandbox! };
  });
  afterAll(() => t.close());

  const configure = (environment: Environment, method: 'basic' | 'post') => {
    const client = clients[environment];
    const auth = method === 'basic' ? oidc.ClientSecretBasic(client.clientSecret) : oidc.ClientSecretPost(client.clientSecret);
    return oidc.discovery(new URL(t.baseUrl + PREFIX[environment]), client.clientId, undefined, auth, {
      algorithm: 'oauth2',
      execute: [oidc.allowInsecureRequests],
    });
  };

  it.each([
    ['production', 'basic'],
    ['sandbox', 'post'],
  ] as const)('discovers, exchanges a JWT credential, introspects, refreshes and revokes (%s, client_secret_%s)', async (environment, method) => {
    const config = await configure(environment, method);
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(t.baseUrl + PREFIX[environment]);
    expect(metadata.token_endpoint).toBe(`${t.baseUrl}${PREFIX[environment]}/restapi/oauth/token`);

    const { jwt } = await issueCredential(t, admin.token, { environment });
    const tokens = await oidc.genericGrantRequest(config, JWT_BEARER, { assertion: jwt, scope: 'ReadAccounts' });
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.scope).toBe('ReadAccounts');
    expect(tokens.expiresIn()).toBeGreaterThan(3500);

    // the access token verifies against the JWKS the metadata names (fetched over HTTP)
    const { payload } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(metadata.jwks_uri!)), {
      issuer: metadata.issuer,
      audience: `${metadata.issuer}/restapi`,
      typ: 'at+jwt',
      algorithms: ['ES256'],
    });
    expect(payload.client_id).toBe(clients[environment].clientId);

    const introspection = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(introspection).toMatchObject({
      active: true,
      scope: 'ReadAccounts',
      client_id: clients[environment].clientId,
      iss: metadata.issuer,
      token_type: 'Bearer',
    });

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.scope).toBe('ReadAccounts');
    expect((await oidc.tokenIntrospection(config, tokens.refresh_token!)).active).toBe(false);
    expect((await oidc.tokenIntrospection(config, refreshed.refresh_token!)).active).toBe(true);

    await oidc.tokenRevocation(config, refreshed.access_token);
    expect(await oidc.tokenIntrospection(config, refreshed.access_token)).toEqual({ active: false });
    await expect(oidc.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant', status: 400 });
  });

  it('reports the Auth API errors as OAuth errors', async () => {
    const config = await configure('production', 'basic');
    await expect(oidc.genericGrantRequest(config, JWT_BEARER, { assertion: 'not-a-jwt' })).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('Invalid credential JWT'),
      status: 400,
    });
    await expect(oidc.genericGrantRequest(config, 'password', { username: 'a', password: 'b' })).rejects.toMatchObject({
      error: 'unsupported_grant_type',
    });
    const wrong = await oidc.discovery(new URL(t.baseUrl), clients.production.clientId, undefined, oidc.ClientSecretBasic('wrong'), {
      algorithm: 'oauth2',
      execute: [oidc.allowInsecureRequests],
    });
    // RFC 6749 §5.2: a client that authenticated with the Authorization header gets a Basic challenge
    await expect(oidc.genericGrantRequest(wrong, JWT_BEARER, { assertion: 'x' })).rejects.toMatchObject({
      code: 'OAUTH_WWW_AUTHENTICATE_CHALLENGE',
      status: 401,
      cause: [{ scheme: 'basic', parameters: { realm: 'Latchkey production' } }],
    });
  });
});
