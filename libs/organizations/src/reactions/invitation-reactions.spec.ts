import { recorded } from '@latchkey/event-store/testing';
import type { IntegrationEventBus, Recorded } from '@latchkey/event-store';
import { MEMBER_ROLE_CHANGED } from '../contracts';
import type { MemberUpdated } from '../domain/organization/organization.events';
import type { InviterInvitations } from '../shared/inviter-invitations';
import { memberRemoved } from '../testing/member-removed';
import { CancelInvitationsWhenMemberRemoved } from './cancel-invitations-when-member-removed.reaction';
import { CancelInvitationsWhenMemberUpdated } from './cancel-invitations-when-member-updated.reaction';
import { PublishMemberRoleChangedWhenMemberUpdated } from './publish-member-role-changed-when-member-updated.reaction';

const ADMIN = { userId: 'admin', email: 'admin@acme.test' };

function memberUpdated(role: string, previousRole?: string, streamName = 'organization-org-a'): Recorded<MemberUpdated> {
  const [event] = recorded(
    [
      {
        streamName,
        type: 'MemberUpdated',
        data: {
          organizationId: 'org-a',
          userId: 'u2',
          role,
          permissions: [],
          ...(previousRole ? { previousRole } : {}),
          updatedAt: '2026-03-01T10:00:00.000Z',
        },
        metadata: { correlationId: 'c1', actor: ADMIN },
      },
    ],
    9,
  );
  return event as Recorded<MemberUpdated>;
}

const invitationsWith = (cancelPending = jest.fn().mockResolvedValue(undefined)) => ({
  invitations: { cancelPending } as unknown as InviterInvitations,
  cancelPending,
});

describe('CancelInvitationsWhenMemberRemoved', () => {
  it('cancels the removed member’s pending invitations, as of the removal, as the admin who removed them', async () => {
    const { invitations, cancelPending } = invitationsWith();
    const reaction = new CancelInvitationsWhenMemberRemoved(invitations);
    expect(reaction.handles(memberRemoved(ADMIN))).toBe(true);
    expect(reaction.handles(memberRemoved(ADMIN, 'other-org-a'))).toBe(false);
    await reaction.react(memberRemoved(ADMIN));
    expect(cancelPending).toHaveBeenCalledWith('org-a', 'u2', 'inviter_removed', 7, {
      correlationId: 'organizations.MemberRemoved@7',
      actor: ADMIN,
      address: null,
    });
  });

  it('fails when cancelling fails, so that the runner retries', async () => {
    const reaction = new CancelInvitationsWhenMemberRemoved(invitationsWith(jest.fn().mockRejectedValue(new Error('store down'))).invitations);
    await expect(reaction.react(memberRemoved(null))).rejects.toThrow('store down');
  });
});

describe('CancelInvitationsWhenMemberUpdated', () => {
  const reaction = () => new CancelInvitationsWhenMemberUpdated(invitationsWith().invitations);

  it('handles a developer_admin changed to another role, and changes recorded without the previous role', () => {
    expect(reaction().handles(memberUpdated('developer', 'developer_admin'))).toBe(true);
    expect(reaction().handles(memberUpdated('user', 'developer_admin'))).toBe(true);
    expect(reaction().handles(memberUpdated('user'))).toBe(true);
  });

  it('leaves alone promotions, permission changes and other streams', () => {
    expect(reaction().handles(memberUpdated('developer_admin', 'developer'))).toBe(false);
    expect(reaction().handles(memberUpdated('developer_admin', 'developer_admin'))).toBe(false);
    expect(reaction().handles(memberUpdated('developer', 'developer'))).toBe(false);
    expect(reaction().handles(memberUpdated('user', 'developer_admin', 'other-1'))).toBe(false);
  });

  it('cancels the demoted admin’s pending invitations', async () => {
    const { invitations, cancelPending } = invitationsWith();
    await new CancelInvitationsWhenMemberUpdated(invitations).react(memberUpdated('user', 'developer_admin'));
    expect(cancelPending).toHaveBeenCalledWith('org-a', 'u2', 'inviter_demoted', 9, expect.objectContaining({ actor: ADMIN }));
  });
});

describe('PublishMemberRoleChangedWhenMemberUpdated', () => {
  const reactionWith = (publish: jest.Mock) => new PublishMemberRoleChangedWhenMemberUpdated({ publish } as unknown as IntegrationEventBus);

  it('publishes MEMBER_ROLE_CHANGED for a change of role only', async () => {
    const publish = jest.fn().mockResolvedValue(undefined);
    const reaction = reactionWith(publish);
    expect(reaction.handles(memberUpdated('developer', 'developer'))).toBe(false);
    expect(reaction.handles(memberUpdated('user', 'developer'))).toBe(true);
    await reaction.react(memberUpdated('user', 'developer_admin'));
    await reaction.react(memberUpdated('developer'));
    expect(publish.mock.calls).toEqual([
      [
        {
          type: MEMBER_ROLE_CHANGED,
          organizationId: 'org-a',
          userId: 'u2',
          role: 'user',
          previousRole: 'developer_admin',
          changedBy: ADMIN,
          at: '2026-03-01T10:00:00.000Z',
          position: 9,
        },
      ],
      [expect.objectContaining({ role: 'developer', previousRole: null })],
    ]);
  });

  it('fails when a subscriber fails, so that the runner retries', async () => {
    await expect(reactionWith(jest.fn().mockRejectedValue(new Error('subscriber failed'))).react(memberUpdated('user', 'developer'))).rejects.toThrow(
      'subscriber failed',
    );
  });
});
