import { type GivenEvent, projectionSpec } from '@latchkey/event-store/testing';
import { InvitationListProjection } from './invitation-list.projection';
import { InvitationListReadModel } from './invitation-list.read-model';

const ORG = 'org-a';
const OTHER = 'org-b';
const ann = { userId: 'ann', email: 'ann@acme.test' };
const created = (invitationId: string, options: { organizationId?: string; invitedBy?: typeof ann | null; expiresAt?: string } = {}): GivenEvent => ({
  streamName: `invitation-${invitationId}`,
  type: 'InvitationCreated',
  data: {
    invitationId,
    organizationId: options.organizationId ?? ORG,
    email: `${invitationId}@example.test`,
    role: 'developer',
    permissions: ['ReadAccounts'],
    tokenHash: `hash-${invitationId}`,
    createdAt: '2026-03-01T10:00:00.000Z',
    expiresAt: options.expiresAt ?? '2026-03-08T10:00:00.000Z',
    ...(options.invitedBy === null ? {} : { invitedBy: options.invitedBy ?? ann }),
  },
});
const event = (invitationId: string, type: string, data: Record<string, unknown> = {}): GivenEvent => ({
  streamName: `invitation-${invitationId}`,
  type,
  data: { invitationId, ...data },
});
const NOW = new Date('2026-03-05T00:00:00.000Z');

const history: GivenEvent[] = [
  created('i1'),
  created('i2', { invitedBy: { userId: 'bob', email: 'bob@acme.test' } }),
  created('i3', { invitedBy: null }),
  created('i4', { expiresAt: '2026-03-04T00:00:00.000Z' }),
  created('i5'),
  created('g1', { organizationId: OTHER }),
  event('i2', 'InvitationAccepted', { acceptedAt: '2026-03-02T00:00:00.000Z' }),
  event('i5', 'InvitationCancelled', { reason: 'cancelled_by_admin', cancelledAt: '2026-03-02T00:00:00.000Z' }),
  // a reopening after a cancellation does not bring it back
  event('i5', 'InvitationReopened', { reason: 'x', reopenedAt: '2026-03-02T00:00:00.000Z' }),
];

describe('invitation list projection', () => {
  const setUp = (events = history) => new InvitationListReadModel(projectionSpec(new InvitationListProjection()).given(events));

  it('lists an organization’s invitations newest first, with their inviter and status, and no token', () => {
    const page = setUp().list(ORG, NOW);
    expect(page.items.map((i) => [i.id, i.status])).toEqual([
      ['i5', 'cancelled'],
      ['i4', 'expired'],
      ['i3', 'pending'],
      ['i2', 'accepted'],
      ['i1', 'pending'],
    ]);
    expect(page.items[4]).toEqual({
      id: 'i1',
      email: 'i1@example.test',
      role: 'developer',
      permissions: ['ReadAccounts'],
      invitedBy: ann,
      createdAt: '2026-03-01T10:00:00.000Z',
      expiresAt: '2026-03-08T10:00:00.000Z',
      status: 'pending',
    });
    expect(page.items[2].invitedBy).toBeNull();
    expect(JSON.stringify(page)).not.toContain('hash-');
    expect(
      setUp()
        .list(OTHER, NOW)
        .items.map((i) => i.id),
    ).toEqual(['g1']);
  });

  it('filters by status, with expiry read against the clock', () => {
    const model = setUp();
    const ids = (status: 'pending' | 'accepted' | 'cancelled' | 'expired', now = NOW) => model.list(ORG, now, status).items.map((i) => i.id);
    expect(ids('pending')).toEqual(['i3', 'i1']);
    expect(ids('expired')).toEqual(['i4']);
    expect(ids('accepted')).toEqual(['i2']);
    expect(ids('cancelled')).toEqual(['i5']);
    expect(ids('expired', new Date('2026-03-09T00:00:00.000Z'))).toEqual(['i4', 'i3', 'i1']);
  });

  it('pages', () => {
    const model = setUp();
    const first = model.list(ORG, NOW, undefined, 2);
    expect(first.items.map((i) => i.id)).toEqual(['i5', 'i4']);
    expect(model.list(ORG, NOW, undefined, 2, first.nextCursor).items.map((i) => i.id)).toEqual(['i3', 'i2']);
  });

  it('finds who issued an invitation, and the pending ones an inviter issued (expired ones too)', () => {
    const model = setUp();
    expect(model.issuer('i1')).toEqual({ organizationId: ORG, invitedBy: 'ann' });
    expect(model.issuer('i3')).toEqual({ organizationId: ORG, invitedBy: null });
    expect(model.issuer('nope')).toBeNull();
    expect(model.pendingIssuedBy(ORG, 'ann')).toEqual(['i1', 'i4']);
    expect(model.pendingIssuedBy(OTHER, 'ann')).toEqual(['g1']);
    expect(model.pendingIssuedBy(ORG, 'bob')).toEqual([]);
  });

  it('ignores other streams, and starts over on reset', () => {
    expect(setUp([{ ...created('x1'), streamName: 'other-x1' }]).list(ORG, NOW).items).toEqual([]);
    const projection = new InvitationListProjection();
    const db = projectionSpec(projection).given(history);
    projection.reset(db);
    expect(new InvitationListReadModel(db).list(ORG, NOW).items).toEqual([]);
  });
});
