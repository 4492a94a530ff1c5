import { ManualClock } from '@latchkey/building-blocks/testing';
import { MemoryEventStore } from '@latchkey/event-store';
import { type GivenEvent, projectionSpec } from '@latchkey/event-store/testing';
import { ApiTokenProjection } from '../../read-models/api-tokens/api-token.projection';
import { ApiTokenActivity } from './api-token-activity';

const owner = { userId: 'u1', email: 'u1@example.test' };
const context = { correlationId: 'c1', actor: owner, address: '203.0.113.9' };
const used = (lastUsedAt: string): GivenEvent => ({
  streamName: 'apiTokenUsage-t1',
  type: 'ApiTokenUsed',
  data: { tokenId: 't1', lastUsedAt, count: 1, firstUseOfDay: true },
});

function setup(given: GivenEvent[] = [], maxRefusedTokensPerWindow = 2) {
  const store = new MemoryEventStore();
  const tokens = new ApiTokenProjection();
  projectionSpec(tokens).given(given);
  const clock = new ManualClock('2026-03-01T10:00:00.000Z');
  const activity = new ApiTokenActivity(store, tokens, clock, {
    usesFlushMs: 60_000,
    refusalWindowMs: 60_000,
    maxRefusedTokensPerWindow,
    maxPendingUses: 10,
  });
  const recorded = async () => (await store.readAll()).map((e) => ({ stream: e.streamName, type: e.type, data: e.data, metadata: e.metadata }));
  return { activity, clock, recorded };
}

describe('API token activity', () => {
  it('writes one ApiTokenUsed per token and flush, with the latest use, the count and the first use of the day', async () => {
    const { activity, clock, recorded } = setup();
    activity.used('t1', owner, context);
    clock.set('2026-03-01T10:00:03.000Z');
    activity.used('t1', owner, context);
    activity.used('t2', owner, context);
    await activity.flushUses();
    expect(await recorded()).toEqual([
      {
        stream: 'apiTokenUsage-t1',
        type: 'ApiTokenUsed',
        data: { tokenId: 't1', lastUsedAt: '2026-03-01T10:00:03.000Z', count: 2, firstUseOfDay: true },
        metadata: expect.objectContaining({ actor: owner, address: '203.0.113.9' }),
      },
      expect.objectContaining({ stream: 'apiTokenUsage-t2', data: expect.objectContaining({ count: 1, firstUseOfDay: true }) }),
    ]);
    await activity.flushUses();
    expect(await recorded()).toHaveLength(2);
  });

  it('marks a batch the first use of the day only when the token was not already used that day', async () => {
    const sameDay = setup([
      {
        streamName: 'apiToken-t1',
        type: 'ApiTokenCreated',
        data: {
          tokenId: 't1',
          ownerId: 'u1',
          organizationId: 'o',
          name: 'n',
          scopes: [],
          tokenHash: 'h',
          createdAt: '2026-02-01T00:00:00.000Z',
          expiresAt: '2026-05-01T00:00:00.000Z',
        },
      },
      used('2026-03-01T08:00:00.000Z'),
    ]);
    sameDay.activity.used('t1', owner, context);
    await sameDay.activity.flushUses();
    expect((await sameDay.recorded()).at(-1)?.data).toEqual(expect.objectContaining({ firstUseOfDay: false }));

    const dayBefore = setup([
      {
        streamName: 'apiToken-t1',
        type: 'ApiTokenCreated',
        data: {
          tokenId: 't1',
          ownerId: 'u1',
          organizationId: 'o',
          name: 'n',
          scopes: [],
          tokenHash: 'h',
          createdAt: '2026-02-01T00:00:00.000Z',
          expiresAt: '2026-05-01T00:00:00.000Z',
        },
      },
      used('2026-02-28T23:59:59.000Z'),
    ]);
    dayBefore.activity.used('t1', owner, context);
    await dayBefore.activity.flushUses();
    expect((await dayBefore.recorded()).at(-1)?.data).toEqual(expect.objectContaining({ firstUseOfDay: true }));
  });

  it('batches refusals per token and window, bounded in the number of tokens, and writes them at shutdown', async () => {
    const { activity, clock, recorded } = setup([], 2);
    for (let i = 0; i < 50; i++) activity.refused('t1', 'insufficient_scope', owner, context);
    clock.set('2026-03-01T10:00:30.000Z');
    activity.refused('t1', 'expired', owner, context);
    activity.refused('t2', 'revoked', null, context);
    activity.refused('t3', 'revoked', null, context);
    await activity.beforeApplicationShutdown();
    const events = await recorded();
    expect(events.map((e) => [e.stream, e.type, e.data])).toEqual([
      [
        'apiTokenUsage-t1',
        'ApiTokenRefused',
        { tokenId: 't1', reason: 'insufficient_scope', count: 51, firstAt: '2026-03-01T10:00:00.000Z', lastAt: '2026-03-01T10:00:30.000Z' },
      ],
      [
        'apiTokenUsage-t2',
        'ApiTokenRefused',
        { tokenId: 't2', reason: 'revoked', count: 1, firstAt: '2026-03-01T10:00:30.000Z', lastAt: '2026-03-01T10:00:30.000Z' },
      ],
    ]);
  });
});
