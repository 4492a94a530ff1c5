import { deciderSpec } from '@latchkey/event-store/testing';
import { environmentUserIdReservationDecider } from './environment-user-id-reservation.decider';
import type { EnvironmentUserIdReserved } from './environment-user-id-reservation.events';

describe('environment user id reservation decider', () => {
  const spec = deciderSpec(environmentUserIdReservationDecider);
  const reserve = (userId: string) => ({
    type: 'ReserveEnvironmentUserId' as const,
    environment: 'production' as const,
    environmentUserId: '123456789012345',
    userId,
  });
  const reserved: EnvironmentUserIdReserved = {
    type: 'EnvironmentUserIdReserved',
    data: { environment: 'production', environmentUserId: '123456789012345', userId: 'u1' },
  };

  it('reserves a free id', () => {
    spec.given([]).when(reserve('u1')).then([reserved]);
  });

  it('refuses an id reserved for another user, in any environment', () => {
    spec
      .given([reserved])
      .when({ ...reserve('u2'), environment: 'sandbox' })
      .thenFails('ENVIRONMENT_USER_ID_TAKEN', 'conflict');
  });

  it('is idempotent for the same user', () => {
    spec.given([reserved]).when(reserve('u1')).then([]);
  });
});
