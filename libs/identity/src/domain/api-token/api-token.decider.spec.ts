import { deciderSpec } from '@latchkey/event-store/testing';
import { API_TOKEN_SCOPES } from '../../contracts';
import { type ApiTokenCommand, apiTokenDecider } from './api-token.decider';
import type { ApiTokenCreated, ApiTokenRevoked } from './api-token.events';

const tokenId = 't0000000-0000-4000-8000-000000000001';
const ownerId = 'u0000000-0000-4000-8000-000000000001';
const create: Extract<ApiTokenCommand, { type: 'CreateApiToken' }> = {
  type: 'CreateApiToken',
  tokenId,
  ownerId,
  organizationId: 'org-1',
  name: 'deploy pipeline',
  scopes: ['credentials:read', 'credentials:write', 'credentials:read'],
  grantableScopes: ['credentials:read', 'credentials:write', 'apps:read', 'apps:write', 'members:read'],
  tokenHash: 'ab'.repeat(32),
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-04-01T00:00:00.000Z',
};
const created: ApiTokenCreated = {
  type: 'ApiTokenCreated',
  data: {
    tokenId,
    ownerId,
    organizationId: 'org-1',
    name: 'deploy pipeline',
    scopes: ['credentials:read', 'credentials:write'],
    tokenHash: 'ab'.repeat(32),
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-04-01T00:00:00.000Z',
  },
};
const revoke = { type: 'RevokeApiToken' as const, revokedAt: '2026-02-01T00:00:00.000Z' };
const revoked: ApiTokenRevoked = { type: 'ApiTokenRevoked', data: { tokenId, ownerId, revokedAt: '2026-02-01T00:00:00.000Z' } };

const spec = deciderSpec(apiTokenDecider);

describe('API token decider', () => {
  describe('CreateApiToken', () => {
    it('creates the token with its scopes (each once), storing only the hash', () => {
      spec.given([]).when(create).then([created]);
    });

    it('records who minted a token for another owner (an admin, for a service user), and nothing when the owner made it', () => {
      spec
        .given([])
        .when({ ...create, createdBy: 'admin-1' })
        .then([{ ...created, data: { ...created.data, createdBy: 'admin-1' } }]);
      spec
        .given([])
        .when({ ...create, createdBy: ownerId })
        .then([created]);
    });

    it('refuses a scope the owner’s role does not allow: 422 INVALID_SCOPE', () => {
      const error = spec
        .given([])
        .when({ ...create, scopes: ['credentials:read', 'audit:read', 'organization:admin'] })
        .thenFails('INVALID_SCOPE', 'unprocessable');
      expect(error.message).toContain('audit:read, organization:admin');
    });

    it('grants every scope to a role that allows them all', () => {
      spec
        .given([])
        .when({ ...create, scopes: [...API_TOKEN_SCOPES], grantableScopes: API_TOKEN_SCOPES })
        .then([{ ...created, data: { ...created.data, scopes: [...API_TOKEN_SCOPES] } }]);
    });

    it('accepts a lifetime of exactly 366 days and refuses one a millisecond longer', () => {
      const limit = '2027-01-02T00:00:00.000Z';
      spec
        .given([])
        .when({ ...create, expiresAt: limit })
        .then([{ ...created, data: { ...created.data, expiresAt: limit } }]);
      spec
        .given([])
        .when({ ...create, expiresAt: '2027-01-02T00:00:00.001Z' })
        .thenFails('VALIDATION_FAILED', 'validation');
    });

    it('refuses an expiry in the past or now', () => {
      spec
        .given([])
        .when({ ...create, expiresAt: create.createdAt })
        .thenFails('VALIDATION_FAILED', 'validation');
      spec
        .given([])
        .when({ ...create, expiresAt: '2025-12-31T00:00:00.000Z' })
        .thenFails('VALIDATION_FAILED', 'validation');
    });

    it('refuses to create the same token twice', () => {
      spec.given([created]).when(create).thenFails('API_TOKEN_EXISTS', 'conflict');
    });
  });

  describe('RevokeApiToken', () => {
    it('revokes an active token', () => {
      spec.given([created]).when(revoke).then([revoked]);
    });

    it('is idempotent on a revoked token', () => {
      spec.given([created, revoked]).when(revoke).then([]);
    });

    it('refuses an unknown token: 404 API_TOKEN_NOT_FOUND', () => {
      spec.given([]).when(revoke).thenFails('API_TOKEN_NOT_FOUND', 'not-found');
    });
  });
});
