import type { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '@latchkey/building-blocks';
import { EventStoreUnavailableError } from '@latchkey/event-store';
import { DeactivateUserCommand } from '@latchkey/identity';
import { MEMBER_REMOVED } from '../contracts';
import { memberRemoved } from '../testing/member-removed';
import { DeactivateUserWhenMemberRemoved } from './deactivate-user-when-member-removed.reaction';

describe('DeactivateUserWhenMemberRemoved', () => {
  const reactionWith = (execute: jest.Mock) => ({ reaction: new DeactivateUserWhenMemberRemoved({ execute } as unknown as CommandBus), execute });

  it('deactivates the removed user, as the admin who removed them', async () => {
    const { reaction, execute } = reactionWith(jest.fn().mockResolvedValue(undefined));
    await reaction.react(memberRemoved({ userId: 'admin', email: 'admin@acme.test' }));
    expect(execute).toHaveBeenCalledWith(
      new DeactivateUserCommand('u2', 'member_removed', {
        correlationId: `${MEMBER_REMOVED}@7`,
        actor: { userId: 'admin', email: 'admin@acme.test' },
        address: null,
      }),
    );
  });

  it('reacts to removals from organization streams only', () => {
    const { reaction } = reactionWith(jest.fn());
    expect(reaction.handles(memberRemoved(null))).toBe(true);
    expect(reaction.handles(memberRemoved(null, 'other-org-a'))).toBe(false);
  });

  it('has nothing to do for a user identity does not know, and is retried for anything else', async () => {
    const unknown = reactionWith(jest.fn().mockRejectedValue(new DomainError('not-found', 'USER_NOT_FOUND', 'No such user')));
    await expect(unknown.reaction.react(memberRemoved(null))).resolves.toBeUndefined();
    const unavailable = reactionWith(jest.fn().mockRejectedValue(new EventStoreUnavailableError('down')));
    await expect(unavailable.reaction.react(memberRemoved(null))).rejects.toThrow(EventStoreUnavailableError);
  });
});
