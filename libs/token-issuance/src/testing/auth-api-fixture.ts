import { DeciderExecutor, MemoryEventStore, openReadModelDb, ProjectionRunner, ReactorRunner } from '@latchkey/event-store';
import { EnvironmentIssuers, signJwt } from '@latchkey/keys';
import { InMemoryKeyRing } from '@latchkey/keys/testing';
import type { CredentialUsage, CredentialUseRefusal } from '@latchkey/credentials';
import { type Environment, MemoryThrottleStores } from '@latchkey/building-blocks';
import { ManualClock } from '@latchkey/building-blocks/testing';
import { AccessTokenIssuer } from '../shared/access-tokens/access-token-issuer';
import { AccessTokenVerifier } from '../shared/access-tokens/access-token-verifier';
import { ClientAuthenticator } from '../shared/client-authentication/client-authenticator';
import { CredentialAssertionValidator } from '../shared/credential-assertion/credential-assertion-validator';
import type { AllowlistEntry, DirectoryClient, OwnerStanding, TokenDirectory } from '../shared/token-directory/token-directory';
import { IntrospectionEndpoint } from '../queries/introspect-token/introspection-endpoint';
import { TokenEndpoint } from '../commands/issue-token/token-endpoint';
import { RevocationEndpoint } from '../commands/revoke-token/revocation-endpoint';
import { EventSourcedOAuthSessions } from '../shared/oauth-sessions/oauth-sessions';
import { RefreshTokenCodec } from '../shared/refresh-tokens/refresh-token-codec';
import { RevokedSessionsProjection } from '../read-models/revoked-sessions/revoked-sessions.projection';
import type { AuthApiRequest } from '../shared/auth-api-request';
import { UsageRecorder } from '../shared/usage/usage-recorder';

export const FIXTURE_PUBLIC_URL = 'http://latchkey.test';
export const FIXTURE_START = Date.UTC(2026, 5, 1, 12, 0, 0);

/** The other modules as plain maps. */
export class FakeTokenDirectory implements TokenDirectory {
  readonly clients = new Map<string, { client: DirectoryClient; secret: string }>();
  readonly entries = new Map<string, AllowlistEntry>();
  readonly inactiveOwners = new Set<string>();
  /** Owners who are members with the role `user`. */
  readonly ownersWithoutDeveloperAccess = new Set<string>();

  verifyClientSecret(clientId: string, secret: string): DirectoryClient | null {
    const known = this.clients.get(clientId);
    return known && known.secret === secret ? known.client : null;
  }

  client(clientId: string): DirectoryClient | null {
    return this.clients.get(clientId)?.client ?? null;
  }

  allowlistEntry(credentialId: string): AllowlistEntry | null {
    return this.entries.get(credentialId) ?? null;
  }

  ownerStanding({ ownerId }: Pick<AllowlistEntry, 'ownerId'>): OwnerStanding {
    if (this.inactiveOwners.has(ownerId)) return 'deactivated';
    return this.ownersWithoutDeveloperAccess.has(ownerId) ? 'no_developer_access' : 'active';
  }
}

export interface FixtureClient {
  clientId: string;
  clientSecret: string;
  environment: Environment;
  organizationId: string;
}

/**
 * The Auth API's use cases wired together on the memory event store, a real key ring and a fake
 * directory, with a clock the test moves.
 */
export async function authApiFixture() {
  const clock = new ManualClock(FIXTURE_START);
  const keys = new InMemoryKeyRing();
  const issuers = new EnvironmentIssuers(FIXTURE_PUBLIC_URL);
  const directory = new FakeTokenDirectory();
  const store = new MemoryEventStore();
  const db = openReadModelDb(':memory:');
  const projections = new ProjectionRunner(store, db);
  const revokedSessions = new RevokedSessionsProjection(clock);
  projections.register(revokedSessions);
  await projections.start();
  const reactors = new ReactorRunner(store, db);
  const sessions = new EventSourcedOAuthSessions(new DeciderExecutor(store, projections, reactors), projections, store);
  const usages: CredentialUsage[] = [];
  const refusals: CredentialUseRefusal[] = [];
  const usage = new UsageRecorder(
    async (batch) => {
      usages.push(...batch.usages);
      refusals.push(...batch.refusals);
    },
    { error: () => undefined },
  );
  const clients = new ClientAuthenticator(directory, new MemoryThrottleStores(clock));
  const assertions = new CredentialAssertionValidator(keys, issuers, clock);
  const refreshTokens = new RefreshTokenCodec(Buffer.alloc(32, 7));
  const accessTokenVerifier = new AccessTokenVerifier(keys, issuers, revokedSessions, directory, clock);
  const token = new TokenEndpoint({
    clients,
    directory,
    assertions,
    accessTokens: new AccessTokenIssuer(keys, issuers),
    refreshTokens,
    sessions,
    revokedSessions,
    usage,
    clock,
  });
  const revoke = new RevocationEndpoint({ clients, accessTokens: accessTokenVerifier, refreshTokens, sessions, clock });
  const introspect = new IntrospectionEndpoint({
    clients,
    accessTokens: accessTokenVerifier,
    refreshTokens,
    sessions,
    revokedSessions,
    directory,
    issuers,
    clock,
  });

  let serial = 0;
  const fixture = {
    keys,
    issuers,
    directory,
    store,
    usage,
    usages,
    refusals,
    sessions,
    revokedSessions,
    accessTokenVerifier,
    token,
    revoke,
    introspect,
    get now() {
      return clock.nowMs();
    },
    advance(ms: number) {
      clock.advance(ms);
    },

    addClient(options: { environment?: Environment; organizationId?: string; grantTypes?: string[]; scopes?: string[] } = {}): FixtureClient {
      const clientId = `client-${++serial}`;
      const client: DirectoryClient = {
        clientId,
        environment: options.environment ?? 'production',
        organizationId: options.organizationId ?? 'org-1',
        grantTypes: options.grantTypes ?? ['jwt_bearer', 'refresh_token'],
        scopes: options.scopes ?? ['ReadAccounts', 'EditAccounts'],
      };
      const clientSecret = `secret-${serial}`;
      directory.clients.set(clientId, { client, secret: clientSecret });
      return { clientId, clientSecret, environment: client.environment, organizationId: client.organizationId };
    },

    /** Adds a credential to the allowlist and answers its JWT. */
    addCredential(options: Partial<AllowlistEntry> & { jwtExpiresAt?: number } = {}): { entry: AllowlistEntry; jwt: string } {
      const environment = options.environment ?? 'production';
      const entry: AllowlistEntry = {
        credentialId: options.credentialId ?? `cred-${++serial}`,
        status: options.status ?? 'active',
        environment,
        ownerId: options.ownerId ?? 'user-1',
        ownerEnvironmentUserId: options.ownerEnvironmentUserId ?? `${environment}-user-1`,
        organizationId: options.organizationId ?? 'org-1',
        policy: options.policy ?? 'organization',
        clientIds: options.clientIds ?? [],
        allowedAddresses: options.allowedAddresses ?? [],
        expiresAt: options.expiresAt ?? null,
      };
      directory.entries.set(entry.credentialId, entry);
      const iat = Math.floor(clock.nowMs() / 1000);
      const jwt = signJwt(keys.activeKey(environment, 'credential'), 'credential+jwt', {
        iss: issuers.issuer(environment),
        aud: issuers.tokenEndpoint(environment),
        sub: entry.ownerEnvironmentUserId,
        jti: entry.credentialId,
        iat,
        exp: options.jwtExpiresAt ?? entry.expiresAt ?? iat + 10 * 365 * 24 * 3600,
      });
      return { entry, jwt };
    },

    /** A form request authenticated with HTTP Basic. */
    request(client: Pick<FixtureClient, 'clientId' | 'clientSecret'> | null, params: Record<string, string>, address = '127.0.0.1'): AuthApiRequest {
      return {
        params: new Map(Object.entries(params)),
        authorization: client
          ? `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`
          : undefined,
        address,
        correlationId: 'test',
      };
    },

    async close() {
      await projections.stop();
      await store.close();
      db.close();
    },
  };
  return fixture;
}

export type AuthApiFixture = Awaited<ReturnType<typeof authApiFixture>>;
