import { Query } from '@nestjs/cqrs';
import { type Environment } from '@latchkey/building-blocks';

export interface UserView {
  id: string;
  email: string;
  name: string;
  status: 'active' | 'deactivated';
  accounts: {
    production: { userId: string };
    sandbox: { userId: string } | null;
  };
}

/** A user by console id, or null. */
export class GetUserQuery extends Query<UserView | null> {
  constructor(readonly userId: string) {
    super();
  }
}

/** The user owning an environment user id (e.g. a token's `owner_id`), or null. */
export class GetUserByEnvironmentUserIdQuery extends Query<UserView | null> {
  constructor(
    readonly environment: Environment,
    readonly environmentUserId: string,
  ) {
    super();
  }
}

export type UserStatus = UserView['status'];

/**
 * A user's status, read synchronously from memory in O(1): the answer `GetUserQuery` gives
 * (`status`, or null for an unknown user) for the token endpoint's hot path, without the query
 * bus, SQL or a view to build. Provided by the identity module, kept with the users read model
 * (updated with each event, before a write waiting on it answers).
 */
export abstract class UserStatusLookup {
  abstract statusOf(userId: string): UserStatus | null;
}
