import { Query } from '@nestjs/cqrs';

export type Environment = 'production' | 'sandbox';

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
