import { deciderSpec } from '@latchkey/event-store/testing';
import type { InvitationEvent } from './invitation.events';
import type { AcceptInvitation, CancelInvitation, CreateInvitation } from './invitation.decide';
import { invitationDecider } from './invitation.decider';

const ID = '0b4c8d2e-0000-4000-8000-000000000001';
const ORG = '6f1c2a8e-0000-4000-8000-000000000001';
const CREATED_AT = '2026-03-01T10:00:00.000Z';
const EXPIRES_AT = '2026-03-08T10:00:00.000Z';
const HASH = 'a'.repeat(64);
const ANN = { userId: 'ann', email: 'ann@acme.test' };

const create: CreateInvitation = {
  type: 'CreateInvitation',
  invitationId: ID,
  organizationId: ORG,
  email: 'bob@acme.test',
  role: 'developer',
  permissions: ['ReadExtensions', 'ReadAccounts'],
  tokenHash: HASH,
  invitedBy: ANN,
  at: CREATED_AT,
  expiresAt: EXPIRES_AT,
};
const created: InvitationEvent = {
  type: 'InvitationCreated',
  data: {
    invitationId: ID,
    organizationId: ORG,
    email: 'bob@acme.test',
    role: 'developer',
    permissions: ['ReadAccounts', 'ReadExtensions'],
    tokenHash: HASH,
    createdAt: CREATED_AT,
    expiresAt: EXPIRES_AT,
    invitedBy: ANN,
  },
};
/** An invitation recorded before inviters were: no `invitedBy`. */
const { invitedBy: _, ...legacyData } = created.data as Extract<InvitationEvent, { type: 'InvitationCreated' }>['data'];
const createdLegacy = { type: 'InvitationCreated', data: legacyData } as InvitationEvent;
const accepted: InvitationEvent = { type: 'InvitationAccepted', data: { invitationId: ID, acceptedAt: '2026-03-02T10:00:00.000Z' } };
const accept = (at = '2026-03-02T10:00:00.000Z', tokenHash = HASH, inviter: AcceptInvitation['inviter'] = { userId: 'ann', activeAdmin: true }) =>
  ({ type: 'AcceptInvitation', tokenHash, inviter, at }) as AcceptInvitation;
const cancel = (reason: CancelInvitation['reason'] = 'cancelled_by_admin', organizationId = ORG): CancelInvitation => ({
  type: 'CancelInvitation',
  organizationId,
  reason,
  at: '2026-03-03T10:00:00.000Z',
});
const cancelled = (reason: CancelInvitation['reason'] = 'cancelled_by_admin'): InvitationEvent => ({
  type: 'InvitationCancelled',
  data: { invitationId: ID, reason, cancelledAt: '2026-03-03T10:00:00.000Z' },
});
const spec = () => deciderSpec(invitationDecider);

describe('invitation decider', () => {
  it('creates an invitation holding only the token hash, and who issued it', () => {
    spec().given([]).when(create).then([created]);
  });

  it('refuses an expiry that is not after its creation, and a second creation', () => {
    spec()
      .given([])
      .when({ ...create, expiresAt: CREATED_AT })
      .thenFails('INVITATION_EXPIRY_INVALID', 'validation');
    spec().given([created]).when(create).thenFails('INVITATION_EXISTS', 'conflict');
  });

  it('is accepted once with its token before it expires, while its inviter is an active developer_admin', () => {
    spec().given([created]).when(accept()).then([accepted]);
  });

  describe('the inviter vouches for it until accepted', () => {
    it('is not found once the inviter was removed or is no longer a developer_admin', () => {
      spec()
        .given([created])
        .when(accept(undefined, undefined, { userId: 'ann', activeAdmin: false }))
        .thenFails('INVITATION_NOT_FOUND', 'not-found');
    });

    it('is not found when the inviter the caller checked is not the one who issued it, or none was checked', () => {
      spec()
        .given([created])
        .when(accept(undefined, undefined, { userId: 'zed', activeAdmin: true }))
        .thenFails('INVITATION_NOT_FOUND', 'not-found');
      spec()
        .given([created])
        .when(accept(undefined, undefined, null))
        .thenFails('INVITATION_NOT_FOUND', 'not-found');
    });

    it('is not found, rather than expired, once its inviter is gone', () => {
      spec()
        .given([created])
        .when(accept('2026-04-01T00:00:00.000Z', undefined, { userId: 'ann', activeAdmin: false }))
        .thenFails('INVITATION_NOT_FOUND', 'not-found');
    });

    it('cannot be accepted when it was issued before inviters were recorded', () => {
      spec().given([createdLegacy]).when(accept()).thenFails('INVITATION_NOT_FOUND', 'not-found');
      spec()
        .given([createdLegacy])
        .when(accept(undefined, undefined, null))
        .thenFails('INVITATION_NOT_FOUND', 'not-found');
    });
  });

  it('is single use: a used invitation is not found', () => {
    spec().given([created, accepted]).when(accept()).thenFails('INVITATION_NOT_FOUND', 'not-found');
  });

  it('is gone once expired (at the expiry instant too)', () => {
    spec().given([created]).when(accept(EXPIRES_AT)).thenFails('INVITATION_EXPIRED', 'gone');
    spec().given([created]).when(accept('2026-04-01T00:00:00.000Z')).thenFails('INVITATION_EXPIRED', 'gone');
  });

  it('answers not found, not expired, for a used invitation past its expiry', () => {
    spec().given([created, accepted]).when(accept('2026-04-01T00:00:00.000Z')).thenFails('INVITATION_NOT_FOUND', 'not-found');
  });

  it('does not exist before it is created, and needs the right token', () => {
    spec().given([]).when(accept()).thenFails('INVITATION_NOT_FOUND', 'not-found');
    spec()
      .given([created])
      .when(accept(undefined, 'b'.repeat(64)))
      .thenFails('INVITATION_NOT_FOUND', 'not-found');
  });

  it('can be reopened after a failed acceptance and then accepted again', () => {
    const reopened: InvitationEvent = {
      type: 'InvitationReopened',
      data: { invitationId: ID, reason: 'EMAIL_TAKEN', reopenedAt: '2026-03-02T10:00:01.000Z' },
    };
    spec().given([created, accepted]).when({ type: 'ReopenInvitation', reason: 'EMAIL_TAKEN', at: '2026-03-02T10:00:01.000Z' }).then([reopened]);
    spec().given([created, accepted, reopened]).when(accept()).then([accepted]);
    spec().given([created]).when({ type: 'ReopenInvitation', reason: 'x', at: CREATED_AT }).then([]);
  });

  describe('CancelInvitation', () => {
    it('kills a pending invitation (an expired one too), for any of the three reasons', () => {
      spec().given([created]).when(cancel()).then([cancelled()]);
      spec()
        .given([created])
        .when(cancel('inviter_removed'))
        .then([cancelled('inviter_removed')]);
      spec()
        .given([created])
        .when(cancel('inviter_demoted'))
        .then([cancelled('inviter_demoted')]);
      spec().given([createdLegacy]).when(cancel()).then([cancelled()]);
    });

    it('leaves the token dead: a cancelled invitation is not found at acceptance, and is not reopened', () => {
      spec().given([created, cancelled()]).when(accept()).thenFails('INVITATION_NOT_FOUND', 'not-found');
      spec().given([created, cancelled()]).when({ type: 'ReopenInvitation', reason: 'x', at: CREATED_AT }).then([]);
    });

    it('changes nothing when cancelled again (a retried reaction, a second click)', () => {
      spec()
        .given([created, cancelled('inviter_removed')])
        .when(cancel())
        .then([]);
      spec().given([created, cancelled()]).when(cancel('inviter_demoted')).then([]);
    });

    it('does not find another organization’s invitation, or one that does not exist', () => {
      spec().given([created]).when(cancel(undefined, 'other-org')).thenFails('INVITATION_NOT_FOUND', 'not-found');
      spec().given([]).when(cancel()).thenFails('INVITATION_NOT_FOUND', 'not-found');
    });

    it('refuses an admin’s cancellation of an accepted invitation, and leaves it be when its inviter leaves', () => {
      spec().given([created, accepted]).when(cancel()).thenFails('INVITATION_ALREADY_ACCEPTED', 'conflict');
      spec().given([created, accepted]).when(cancel('inviter_removed')).then([]);
    });
  });
});
