import { projectionSpec } from '@latchkey/event-store/testing';
import { ADDRESS, ADMIN, at, event, memberJoined, ORG } from '../../../testing/audited-events';
import { AuditLogProjection } from '../audit-log.projection';
import { AuditLogReadModel } from '../audit-log.read-model';

const TOKEN = 't0000000-0000-4000-8000-000000000001';

describe('audit rules of console API tokens', () => {
  const model = new AuditLogReadModel(
    projectionSpec(new AuditLogProjection()).given([
      memberJoined(ADMIN.userId, ADMIN.email),
      event(`apiToken-${TOKEN}`, 'ApiTokenCreated', {
        tokenId: TOKEN,
        ownerId: ADMIN.userId,
        organizationId: ORG,
        name: 'deploy',
        scopes: ['credentials:read'],
        tokenHash: 'f'.repeat(64),
        createdAt: at(1),
        expiresAt: at(59),
      }),
      event(`apiTokenUsage-${TOKEN}`, 'ApiTokenUsed', { tokenId: TOKEN, lastUsedAt: at(2), count: 3, firstUseOfDay: true }),
      event(`apiTokenUsage-${TOKEN}`, 'ApiTokenUsed', { tokenId: TOKEN, lastUsedAt: at(3), count: 9, firstUseOfDay: false }),
      event(`apiTokenUsage-${TOKEN}`, 'ApiTokenRefused', { tokenId: TOKEN, reason: 'insufficient_scope', count: 4, firstAt: at(4), lastAt: at(5) }),
      event(`apiToken-${TOKEN}`, 'ApiTokenRevoked', { tokenId: TOKEN, ownerId: ADMIN.userId, revokedAt: at(6) }),
      // The same type on a stream of another category is not trusted.
      event(`credential-${TOKEN}`, 'ApiTokenRevoked', { tokenId: TOKEN, ownerId: ADMIN.userId, revokedAt: at(7) }),
    ]),
  );
  const log = [...model.exportPages(ORG, {})].flat().filter((e) => e.type.startsWith('api_token.'));

  it('records creation, the first use of the day, refusals and revocation under the organization, about the token', () => {
    expect(log.map((e) => [e.type, e.at, e.target])).toEqual([
      ['api_token.created', at(1), { kind: 'api_token', id: TOKEN, label: 'deploy' }],
      ['api_token.used', at(2), { kind: 'api_token', id: TOKEN, label: 'deploy' }],
      ['api_token.refused', at(4), { kind: 'api_token', id: TOKEN, label: 'deploy' }],
      ['api_token.revoked', at(6), { kind: 'api_token', id: TOKEN, label: 'deploy' }],
    ]);
    expect(log[2].data).toEqual({ tokenId: TOKEN, reason: 'insufficient_scope', count: 4, firstAt: at(4), lastAt: at(5) });
    expect(log.every((e) => e.address === ADDRESS)).toBe(true);
  });

  it('never copies the token hash', () => {
    expect(JSON.stringify(log)).not.toContain('f'.repeat(64));
    expect(log[0].data).toEqual({ tokenId: TOKEN, ownerId: ADMIN.userId, name: 'deploy', scopes: ['credentials:read'], expiresAt: at(59) });
  });
});
