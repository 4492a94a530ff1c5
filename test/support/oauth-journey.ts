import request from 'supertest';
import { ENVIRONMENT_PREFIX, type Environment } from '@latchkey/building-blocks';
import { bearer } from './console';
import type { TestApp } from './test-app';

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const PREFIX = ENVIRONMENT_PREFIX;

export interface Client {
  clientId: string;
  clientSecret: string;
}

export interface OAuthApp {
  id: string;
  clients: Partial<Record<Environment, Client>>;
}

/** Creates an app with the given scopes and grant types (default: both environments, both grants, account scopes). */
export async function createOAuthApp(
  t: TestApp,
  token: string,
  options: { name?: string; scopes?: string[]; grantTypes?: string[]; environments?: Environment[] } = {},
): Promise<OAuthApp> {
  const res = await request(t.server)
    .post('/console/v1/apps')
    .set(bearer(token))
    .send({
      name: options.name ?? 'OAuth app',
      scopes: options.scopes ?? ['ReadAccounts', 'EditAccounts'],
      grantTypes: options.grantTypes ?? ['jwt_bearer', 'refresh_token'],
      environments: options.environments ?? ['production', 'sandbox'],
    });
  if (res.status !== 201) throw new Error(`app creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createSandboxAccount(t: TestApp, token: string): Promise<string> {
  const res = await request(t.server).post('/console/v1/me/sandbox-account').set(bearer(token));
  if (res.status !== 201) throw new Error(`sandbox account creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.userId;
}

export interface IssuedCredential {
  id: string;
  jwt: string;
}

export async function issueCredential(
  t: TestApp,
  token: string,
  options: {
    environment?: Environment;
    allowedApps?: { type: 'organization' } | { type: 'specific'; clientIds: string[] };
    expiresAt?: string | null;
    label?: string;
  } = {},
): Promise<IssuedCredential> {
  const res = await request(t.server)
    .post('/console/v1/credentials')
    .set(bearer(token))
    .send({
      label: options.label ?? 'OAuth test',
      environment: options.environment ?? 'production',
      expiresAt: options.expiresAt ?? null,
      allowedApps: options.allowedApps ?? { type: 'organization' },
    });
  if (res.status !== 201) throw new Error(`credential creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.credential.id, jwt: res.body.jwt };
}

/** `Authorization: Basic` as RFC 6749 §2.3.1 spells it. */
export const basic = (client: Client): string => {
  const part = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${part(client.clientId)}:${part(client.clientSecret)}`).toString('base64')}`;
};

/** A form POST to one of the Auth API endpoints, authenticated with Basic unless `client` is null. */
export function authPost(
  t: TestApp,
  environment: Environment,
  endpoint: 'token' | 'revoke' | 'introspect',
  client: Client | null,
  form: Record<string, string>,
) {
  const req = request(t.server).post(`${PREFIX[environment]}/restapi/oauth/${endpoint}`).type('form');
  if (client) void req.set('authorization', basic(client));
  return req.send(new URLSearchParams(form).toString());
}

export const exchange = (t: TestApp, environment: Environment, client: Client | null, assertion: string, extra: Record<string, string> = {}) =>
  authPost(t, environment, 'token', client, { grant_type: JWT_BEARER, assertion, ...extra });

export const refresh = (t: TestApp, environment: Environment, client: Client, refreshToken: string, extra: Record<string, string> = {}) =>
  authPost(t, environment, 'token', client, { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra });

export const introspect = (t: TestApp, environment: Environment, client: Client, token: string) =>
  authPost(t, environment, 'introspect', client, { token });

export const revokeToken = (t: TestApp, environment: Environment, client: Client, token: string) =>
  authPost(t, environment, 'revoke', client, { token });

/** GET or PUT on the Platform API with a bearer token. */
export const platform = {
  account: (t: TestApp, environment: Environment, accessToken: string, scheme = 'Bearer') =>
    request(t.server).get(`${PREFIX[environment]}/restapi/v1.0/account/~`).set('authorization', `${scheme} ${accessToken}`),
  renameAccount: (t: TestApp, environment: Environment, accessToken: string, name: string) =>
    request(t.server).put(`${PREFIX[environment]}/restapi/v1.0/account/~`).set('authorization', `Bearer ${accessToken}`).send({ name }),
  extension: (t: TestApp, environment: Environment, accessToken: string) =>
    request(t.server).get(`${PREFIX[environment]}/restapi/v1.0/account/~/extension/~`).set('authorization', `Bearer ${accessToken}`),
};

/** The OAuth error of an Auth API answer, as the token error table names it. */
export const oauthError = (res: { status: number; body: { error?: string; errors?: { errorCode: string }[] } }) => ({
  status: res.status,
  error: res.body.error,
  errorCode: res.body.errors?.[0]?.errorCode,
});
