import { type GivenEvent, projectionSpec } from '@latchkey/event-store/testing';
import { ApiTokenProjection } from './api-token.projection';

const alice = 'a0000000-0000-4000-8000-000000000001';
const bob = 'b0000000-0000-4000-8000-000000000002';
const now = new Date('2026-02-01T00:00:00.000Z');

const created = (n: number, ownerId: string, expiresAt = '2026-04-01T00:00:00.000Z'): GivenEvent => ({
  streamName: `apiToken-t${n}`,
  type: 'ApiTokenCreated',
  data: {
    tokenId: `t${n}`,
    ownerId,
    organizationId: 'org',
    name: `token ${n}`,
    scopes: ['credentials:read'],
    tokenHash: `hash-${n}`,
    createdAt: `2026-01-0${n}T00:00:00.000Z`,
    expiresAt,
  },
});
const revoked = (n: number, ownerId: string): GivenEvent => ({
  streamName: `apiToken-t${n}`,
  type: 'ApiTokenRevoked',
  data: { tokenId: `t${n}`, ownerId, revokedAt: '2026-01-20T00:00:00.000Z' },
});
const used = (n: number, lastUsedAt: string): GivenEvent => ({
  streamName: `apiTokenUsage-t${n}`,
  type: 'ApiTokenUsed',
  data: { tokenId: `t${n}`, lastUsedAt, count: 1, firstUseOfDay: true },
});

describe('API tokens projection', () => {
  it('finds active tokens by hash, and neither revoked, expired nor unknown ones', () => {
    const projection = new ApiTokenProjection();
    projectionSpec(projection).given([created(1, alice), created(2, alice), created(3, bob, '2026-01-31T23:59:59.999Z'), revoked(2, alice)]);
    expect(projection.findActive('hash-1', now)).toEqual({
      tokenId: 't1',
      ownerId: alice,
      scopes: ['credentials:read'],
      expiresAt: Date.parse('2026-04-01T00:00:00.000Z'),
    });
    expect(projection.findActive('hash-2', now)).toBeNull();
    expect(projection.findActive('hash-3', now)).toBeNull();
    expect(projection.findActive('hash-9', now)).toBeNull();
    expect(projection.findKnown('hash-2')).toEqual(expect.objectContaining({ tokenId: 't2', revoked: true }));
    expect(projection.findKnown('hash-9')).toBeNull();
  });

  it('lists an owner’s tokens that are not revoked, newest first, with the latest use and expired ones marked', () => {
    const projection = new ApiTokenProjection();
    projectionSpec(projection).given([
      created(1, alice),
      created(2, alice),
      created(3, alice, '2026-01-31T00:00:00.000Z'),
      created(4, bob),
      revoked(2, alice),
      used(1, '2026-01-10T00:00:00.000Z'),
      used(1, '2026-01-09T00:00:00.000Z'),
    ]);
    const list = projection.listByOwners([alice], now);
    expect(list.map((t) => [t.id, t.status, t.lastUsedAt])).toEqual([
      ['t3', 'expired', null],
      ['t1', 'active', '2026-01-10T00:00:00.000Z'],
    ]);
    expect(JSON.stringify(list)).not.toContain('hash-');
    expect(projection.ownerOf('t1')).toBe(alice);
    expect(projection.ownerOf('t2')).toBeNull();
  });

  it('lists the tokens a user minted for other owners (service users), not their own nor revoked ones', () => {
    const svc = 'c0000000-0000-4000-8000-000000000003';
    const minted = (n: number, ownerId: string, createdBy: string): GivenEvent => {
      const event = created(n, ownerId);
      return { ...event, data: { ...event.data, createdBy } };
    };
    const projection = new ApiTokenProjection();
    projectionSpec(projection).given([created(1, alice), minted(2, svc, alice), minted(3, svc, alice), minted(4, svc, bob), revoked(3, svc)]);
    expect(projection.listCreatedBy(alice, now).map((t) => [t.id, t.ownerId])).toEqual([['t2', svc]]);
    expect(projection.listCreatedBy(bob, now).map((t) => t.id)).toEqual(['t4']);
  });

  it('rebuilds the in-memory index from the table on load, and never revives a revoked token applied again', () => {
    const projection = new ApiTokenProjection();
    const db = projectionSpec(projection).given([created(1, alice), created(2, alice), revoked(2, alice), created(2, alice)]);
    expect(projection.findActive('hash-2', now)).toBeNull();
    const restarted = new ApiTokenProjection();
    restarted.load(db);
    expect(restarted.findActive('hash-1', now)?.tokenId).toBe('t1');
    expect(restarted.findActive('hash-2', now)).toBeNull();
  });

  it('ignores its event types on streams of other categories', () => {
    const projection = new ApiTokenProjection();
    projectionSpec(projection).given([{ ...created(1, alice), streamName: 'credential-t1' }]);
    expect(projection.findActive('hash-1', now)).toBeNull();
  });
});
