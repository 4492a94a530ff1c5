import type { IntegrationEventBus } from '@latchkey/event-store';
import { MEMBER_REMOVED } from '../contracts';
import { memberRemoved } from '../testing/member-removed';
import { PublishMemberRemovedWhenMemberRemoved } from './publish-member-removed-when-member-removed.reaction';

describe('PublishMemberRemovedWhenMemberRemoved', () => {
  const reactionWith = (publish: jest.Mock) => ({
    reaction: new PublishMemberRemovedWhenMemberRemoved({ publish } as unknown as IntegrationEventBus),
    publish,
  });

  it('publishes MEMBER_REMOVED with who removed the member and the position of the removal', async () => {
    const { reaction, publish } = reactionWith(jest.fn().mockResolvedValue(undefined));
    await reaction.react(memberRemoved({ userId: 'admin', email: 'admin@acme.test' }));
    await reaction.react(memberRemoved(null));
    expect(publish.mock.calls).toEqual([
      [
        {
          type: MEMBER_REMOVED,
          organizationId: 'org-a',
          userId: 'u2',
          removedBy: { userId: 'admin', email: 'admin@acme.test' },
          at: '2026-03-01T10:00:00.000Z',
          position: 7,
        },
      ],
      [{ type: MEMBER_REMOVED, organizationId: 'org-a', userId: 'u2', removedBy: null, at: '2026-03-01T10:00:00.000Z', position: 7 }],
    ]);
  });

  it('fails when a subscriber fails, so that the runner retries', async () => {
    const { reaction } = reactionWith(jest.fn().mockRejectedValue(new Error('subscriber failed')));
    await expect(reaction.react(memberRemoved(null))).rejects.toThrow('subscriber failed');
  });
});
