import { deciderSpec } from '@latchkey/event-store/testing';
import { type EmailReleased, type EmailReserved, emailReservationDecider } from './email-reservation.decider';
import { type EnvironmentUserIdReserved, environmentUserIdReservationDecider } from './environment-user-id-reservation.decider';

describe('e-mail reservation decider', () => {
  const spec = deciderSpec(emailReservationDecider);
  const reserved: EmailReserved = { type: 'EmailReserved', data: { email: 'alice@example.com', userId: 'u1' } };
  const released: EmailReleased = { type: 'EmailReleased', data: { email: 'alice@example.com', userId: 'u1' } };
  const reserve = (userId: string) => ({ type: 'ReserveEmail' as const, email: 'alice@example.com', userId });
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
    spec.given([reserved, released]).when(reserve('u2')).then([{ type: 'EmailReserved', data: { email: 'alice@example.com', userId: 'u2' } }]);
  });
});

describe('environment user id reservation decider', () => {
  const spec = deciderSpec(environmentUserIdReservationDecider);
  const reserve = (userId: string) => ({ type: 'ReserveEnvironmentUserId' as const, environment: 'production' as const, environmentUserId: '123456789012345', userId });
  const reserved: EnvironmentUserIdReserved = {
    type: 'EnvironmentUserIdReserved',
    data: { environment: 'production', environmentUserId: '123456789012345', userId: 'u1' },
  };

  it('reserves a free id', () => {
    spec.given([]).when(reserve('u1')).then([reserved]);
  });

  it('refuses an id reserved for another user, in any environment', () => {
    spec.given([reserved]).when({ ...reserve('u2'), environment: 'sandbox' }).thenFails('ENVIRONMENT_USER_ID_TAKEN', 'conflict');
  });

  it('is idempotent for the same user', () => {
    spec.given([reserved]).when(reserve('u1')).then([]);
  });
});
