import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import { type UserStatus, UserStatusLookup } from '../../contracts';
import { isUserStream } from '../../shared/streams';
import { USER_EVENT_TYPES, type UserEvent } from '../../domain/user/user.events';
import { USERS_TABLE, UserProjection } from './user.projection';

/**
 * Every user's status in a Map, for `UserStatusLookup`. It is the users projection itself, as the
 * projection runner sees it (same name, version, tables and checkpoint): each event is applied to
 * the projection's rows and then to the Map, in the same batch, and the Map is rebuilt from the
 * rows when the runner starts. So a deactivation is seen here exactly when it is in the table.
 */
@Projection()
@Injectable()
export class UserStatusIndex implements Projection<UserEvent>, UserStatusLookup {
  readonly eventTypes = USER_EVENT_TYPES;
  private readonly statuses = new Map<string, UserStatus>();

  constructor(private readonly users: UserProjection) {}

  get name(): string {
    return this.users.name;
  }

  get version(): number {
    return this.users.version;
  }

  statusOf(userId: string): UserStatus | null {
    return this.statuses.get(userId) ?? null;
  }

  setup(db: ReadModelDb): void {
    this.users.setup(db);
  }

  reset(db: ReadModelDb): void {
    this.users.reset(db);
    this.statuses.clear();
  }

  load(db: ReadModelDb): void {
    this.statuses.clear();
    for (const row of db.prepare(`SELECT user_id, status FROM ${USERS_TABLE}`).iterate() as Iterable<{ user_id: string; status: UserStatus }>) {
      this.statuses.set(row.user_id, row.status);
    }
  }

  apply(event: Recorded<UserEvent>, db: ReadModelDb): void {
    this.users.apply(event, db);
    if (!isUserStream(event.streamName)) return;
    // As the rows: a registration inserts only a new user; a deactivation updates a known one.
    if (event.type === 'UserRegistered') {
      if (!this.statuses.has(event.data.userId)) this.statuses.set(event.data.userId, 'active');
    } else if (event.type === 'UserDeactivated') {
      if (this.statuses.has(event.data.userId)) this.statuses.set(event.data.userId, 'deactivated');
    }
  }
}
