import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { createLocalJWKSet, decodeProtectedHeader, type JWTPayload, jwtVerify } from 'jose';
import request from 'supertest';
import { type Environment } from '@latchkey/building-blocks';
import {
  type CredentialAllowlistEntry,
  type CredentialUsage,
  GetCredentialAllowlistEntryQuery,
  RecordCredentialUsageCommand,
} from '@latchkey/credentials';
import { KeyRing } from '@latchkey/keys';
import { bearer } from './console';
import type { TestApp } from './test-app';

export type AllowedAppsBody = { type: 'organization' } | { type: 'specific'; clientIds: string[] };

export interface CredentialBody {
  id: string;
  label: string;
  environment: Environment;
  status: 'active' | 'revoked' | 'expired';
  allowedApps: { type: 'organization' } | { type: 'specific'; apps: { clientId: string; appName: string | null; organizationName: string | null }[] };
  ownerId: string;
  ownerEmail: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  revision: number;
}

export interface HistoryBody {
  position: number;
  type: string;
  at: string;
  actor: { userId: string; email: string | null } | null;
  data: Record<string, unknown>;
}

export const CREDENTIALS = '/console/v1/credentials';

/** A valid creation body, with any field overridden. */
export const credentialBody = (overrides: Record<string, unknown> = {}) => ({
  label: 'CI pipeline',
  environment: 'production',
  expiresAt: null,
  allowedApps: { type: 'organization' },
  ...overrides,
});

/** Creates a credential and fails loudly unless the API answers 201. */
export async function createCredential(
  t: TestApp,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<{ credential: CredentialBody; jwt: string }> {
  const res = await request(t.server).post(CREDENTIALS).set(bearer(token)).send(credentialBody(overrides));
  if (res.status !== 201) throw new Error(`credential creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface CreatedApp {
  id: string;
  clients: Partial<Record<Environment, { clientId: string; clientSecret: string }>>;
}

/** Creates an app in the caller's organization, in both environments unless told otherwise. */
export async function createApp(
  t: TestApp,
  token: string,
  name: string,
  environments: Environment[] = ['production', 'sandbox'],
): Promise<CreatedApp> {
  const res = await request(t.server)
    .post('/console/v1/apps')
    .set(bearer(token))
    .send({ name, scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments });
  if (res.status !== 201) throw new Error(`app creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The caller's user ids per environment, from GET /console/v1/me. */
export async function accountsOf(t: TestApp, token: string): Promise<{ production: { userId: string }; sandbox: { userId: string } | null }> {
  const res = await request(t.server).get('/console/v1/me').set(bearer(token)).expect(200);
  return res.body.accounts;
}

/** Verifies a credential JWT with the environment's published credential keys; answers header and claims. */
export async function verifyCredentialJwt(
  t: TestApp,
  jwt: string,
  environment: Environment,
): Promise<{ header: ReturnType<typeof decodeProtectedHeader>; payload: JWTPayload }> {
  const keys = t.app.get(KeyRing);
  const header = decodeProtectedHeader(jwt);
  expect(keys.verificationKey(environment, 'credential', header.kid!)).not.toBeNull();
  const { payload } = await jwtVerify(jwt, createLocalJWKSet(keys.jwks(environment, 'credential')), { algorithms: ['ES256'], typ: 'credential+jwt' });
  return { header, payload };
}

/** The credential's allowlist entry, as the token endpoint asks for it. */
export const allowlistEntry = (t: TestApp, credentialId: string): Promise<CredentialAllowlistEntry | null> =>
  t.app.get(QueryBus).execute(new GetCredentialAllowlistEntryQuery(credentialId));

export const recordUsage = (t: TestApp, usages: CredentialUsage[]): Promise<void> =>
  t.app.get(CommandBus).execute(new RecordCredentialUsageCommand(usages));

export async function historyOf(t: TestApp, token: string, credentialId: string): Promise<HistoryBody[]> {
  const res = await request(t.server).get(`${CREDENTIALS}/${credentialId}/history`).set(bearer(token)).expect(200);
  return res.body.items;
}

/** Epoch seconds of an ISO time. */
export const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** An ISO time `days` from now, in whole seconds. */
export const daysFromNow = (days: number): string => new Date(Math.floor((Date.now() + days * 86_400_000) / 1000) * 1000).toISOString();
