import { deciderSpec } from '@latchkey/event-store/testing';
import { ABANDONED_AFTER_MS, emailReservationDecider } from './email-reservation.decider';
import type { EmailReleased, EmailReserved } from './email-reservation.events';

describe('e-mail reservation decider', () => {
  const spec = deciderSpec(emailReservationDecider);
  const AT = '2026-01-01T10:00:00.000Z';
  const later = (ms: number) => new Date(Date.parse(AT) + ms).toISOString();
  const reservedFor = (userId: string, at = AT): EmailReserved => ({
    type: 'EmailReserved',
    data: { email: 'alice@example.com', userId, reservedAt: at },
  });
  const reserved = reservedFor('u1');
  const released: EmailReleased = { type: 'EmailReleased', data: { email: 'alice@example.com', userId: 'u1' } };
  const reserve = (userId: string, at = AT, abandonedBy?: string) => ({
    type: 'ReserveEmail' as const,
    email: 'alice@example.com',
    userId,
    at,
    ...(abandonedBy ? { abandonedBy } : {}),
  });
  const release = (userId: string) => ({ type: 'ReleaseEmail' as const, email: 'alice@example.com', userId });

  it('reserves a free address', () => {
    spec.given([]).when(reserve('u1')).then([reserved]);
  });

  it('refuses an address reserved for another user', () => {
    spec.given([reserved]).when(reserve('u2')).thenFails('EMAIL_TAKEN', 'conflict');
  });

  it('is idempotent for the same user', () => {
    spec.given([reserved]).when(reserve('u1')).then([]);
  });

  it('releases a reservation only for the user who holds it', () => {
    spec.given([reserved]).when(release('u1')).then([released]);
    spec.given([reserved]).when(release('u2')).then([]);
    spec.given([]).when(release('u1')).then([]);
  });

  it('can reserve a released address again', () => {
    spec
      .given([reserved, released])
      .when(reserve('u2', later(1)))
      .then([reservedFor('u2', later(1))]);
  });

  it('takes over a reservation abandoned by a registration that never wrote its user, once it is stale', () => {
    const at = later(ABANDONED_AFTER_MS);
    spec
      .given([reserved])
      .when(reserve('u2', at, 'u1'))
      .then([{ type: 'EmailReleased', data: { email: 'alice@example.com', userId: 'u1', abandoned: true } }, reservedFor('u2', at)]);
  });

  it('never takes over a reservation that may still be in use, held by someone else, or of unknown age', () => {
    spec
      .given([reserved])
      .when(reserve('u2', later(ABANDONED_AFTER_MS - 1), 'u1'))
      .thenFails('EMAIL_TAKEN', 'conflict');
    spec
      .given([reserved])
      .when(reserve('u2', later(ABANDONED_AFTER_MS), 'u3'))
      .thenFails('EMAIL_TAKEN', 'conflict');
    const undated: EmailReserved = { type: 'EmailReserved', data: { email: 'alice@example.com', userId: 'u1' } };
    spec
      .given([undated])
      .when(reserve('u2', later(ABANDONED_AFTER_MS * 100), 'u1'))
      .thenFails('EMAIL_TAKEN', 'conflict');
  });
});
