import { rule } from './audit-rule';

/**
 * Console API tokens (the identity module's events), filed under the organization the token was
 * created in. The token's hash is in no entry. Uses are recorded in batches; only the batch with a
 * token's first use of a day becomes an entry. Refusals (an expired, revoked or out-of-scope use of
 * a known token) arrive batched per token and window, with their count.
 */
export const apiTokenRules = {
  ApiTokenCreated: rule<{
    tokenId: string;
    ownerId: string;
    organizationId: string;
    name: string;
    scopes: string[];
    createdAt: string;
    expiresAt: string;
  }>({
    category: 'apiToken',
    type: 'api_token.created',
    subject: (d) => ({ kind: 'apiToken', id: d.tokenId }),
    targetKind: 'api_token',
    remember: (d) => ({ organizationId: d.organizationId, label: d.name }),
    at: (d) => d.createdAt,
    data: (d) => ({ tokenId: d.tokenId, ownerId: d.ownerId, name: d.name, scopes: d.scopes, expiresAt: d.expiresAt }),
  }),
  ApiTokenRevoked: rule<{ tokenId: string; ownerId: string; revokedAt: string; reason?: string }>({
    category: 'apiToken',
    type: 'api_token.revoked',
    subject: (d) => ({ kind: 'apiToken', id: d.tokenId }),
    targetKind: 'api_token',
    at: (d) => d.revokedAt,
    data: (d) => ({ tokenId: d.tokenId, ownerId: d.ownerId, ...(d.reason ? { reason: d.reason } : {}) }),
  }),
  ApiTokenUsed: rule<{ tokenId: string; lastUsedAt: string; count: number; firstUseOfDay: boolean }>({
    category: 'apiTokenUsage',
    type: (d) => (d.firstUseOfDay ? 'api_token.used' : null),
    subject: (d) => ({ kind: 'apiToken', id: d.tokenId }),
    targetKind: 'api_token',
    at: (d) => d.lastUsedAt,
    data: (d) => ({ tokenId: d.tokenId, lastUsedAt: d.lastUsedAt }),
  }),
  ApiTokenRefused: rule<{ tokenId: string; reason: string; count: number; firstAt: string; lastAt: string }>({
    category: 'apiTokenUsage',
    type: 'api_token.refused',
    subject: (d) => ({ kind: 'apiToken', id: d.tokenId }),
    targetKind: 'api_token',
    at: (d) => d.firstAt,
    data: (d) => ({ tokenId: d.tokenId, reason: d.reason, count: d.count, firstAt: d.firstAt, lastAt: d.lastAt }),
  }),
};
