import type { Environment } from '@latchkey/building-blocks';
import type { DomainEvent } from '@latchkey/event-store';

/**
 * Environment user ids are random; one reservation stream per id keeps them unique across users
 * and across both environments (a production id is never also a sandbox id).
 */
export type EnvironmentUserIdReserved = DomainEvent<
  'EnvironmentUserIdReserved',
  { environment: Environment; environmentUserId: string; userId: string }
>;
