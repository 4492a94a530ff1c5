import { deciderSpec } from '@latchkey/event-store/testing';
import type { InvitationEvent } from './invitation.events';
import type { CreateInvitation } from './invitation.decide';
import { invitationDecider } from './invitation.decider';

const ID = '0b4c8d2e-0000-4000-8000-000000000001';
const ORG = '6f1c2a8e-0000-4000-8000-000000000001';
const CREATED_AT = '2026-03-01T10:00:00.000Z';
const EXPIRES_AT = '2026-03-08T10:00:00.000Z';
const HASH = 'a'.repeat(64);

const create: CreateInvitation = {
  type: 'CreateInvitation',
  invitationId: ID,
  organizationId: ORG,
  email: 'bob@acme.test',
  role: 'developer',
  permissions: ['ReadExtensions', 'ReadAccounts'],
  tokenHash: HASH,
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
  },
};
const accepted: InvitationEvent = { type: 'InvitationAccepted', data: { invitationId: ID, acceptedAt: '2026-03-02T10:00:00.000Z' } };
const accept = (at = '2026-03-02T10:00:00.000Z', tokenHash = HASH) => ({ type: 'AcceptInvitation' as const, tokenHash, at });
const spec = () => deciderSpec(invitationDecider);

describe('invitation decider', () => {
  it('creates an invitation holding only the token hash', () => {
    spec().given([]).when(create).then([created]);
  });

  it('refuses an expiry that is not after its creation, and a second creation', () => {
    spec()
      .given([])
      .when({ ...create, expiresAt: CREATED_AT })
      .thenFails('INVITATION_EXPIRY_INVALID', 'validation');
    spec().given([created]).when(create).thenFails('INVITATION_EXISTS', 'conflict');
  });

  it('is accepted once with its token before it expires', () => {
    spec().given([created]).when(accept()).then([accepted]);
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
});
