import { projectionSpec } from '@latchkey/event-store/testing';
import { InvitationIndexProjection } from './invitation-index.projection';
import { InvitationIndexReadModel } from './invitation-index.read-model';

const at = '2026-03-01T10:00:00.000Z';
const created = (invitationId: string, tokenHash: string) => ({
  streamName: `invitation-${invitationId}`,
  type: 'InvitationCreated',
  data: { invitationId, organizationId: 'org-a', email: 'x@example.test', role: 'user', permissions: [], tokenHash, createdAt: at, expiresAt: at },
});

describe('invitation index projection', () => {
  it('finds invitations by token hash and follows their status', () => {
    const db = projectionSpec(new InvitationIndexProjection()).given([
      created('i1', 'h1'),
      created('i2', 'h2'),
      { streamName: 'invitation-i1', type: 'InvitationAccepted', data: { invitationId: 'i1', acceptedAt: at } },
      { streamName: 'invitation-i2', type: 'InvitationAccepted', data: { invitationId: 'i2', acceptedAt: at } },
      { streamName: 'invitation-i2', type: 'InvitationReopened', data: { invitationId: 'i2', reason: 'EMAIL_TAKEN', reopenedAt: at } },
    ]);
    const invitations = new InvitationIndexReadModel(db);
    expect(invitations.invitationIdByTokenHash('h1')).toBe('i1');
    expect(invitations.invitationIdByTokenHash('h2')).toBe('i2');
    expect(invitations.invitationIdByTokenHash('h3')).toBeNull();
    expect(db.prepare('SELECT invitation_id, status FROM org_invitations ORDER BY invitation_id').all()).toEqual([
      { invitation_id: 'i1', status: 'accepted' },
      { invitation_id: 'i2', status: 'pending' },
    ]);
  });

  it('ignores other streams', () => {
    const db = projectionSpec(new InvitationIndexProjection()).given([{ ...created('i1', 'h1'), streamName: 'other-i1' }]);
    expect(new InvitationIndexReadModel(db).invitationIdByTokenHash('h1')).toBeNull();
  });
});
